import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findFigures } from '../../server/src/core/figures';
import { figureAssertions } from '../support/figureAssertions';
import { assertLinear } from '../support/linearTime';

const { all: en, one, none } = figureAssertions('en');

test('digits with English separators', () => {
  assert.equal(one('a total of 8,753 enterprises', '8,753', 8753, null, 'count').precision, 1);
  assert.equal(one('it reached 32.08 points', '32.08', 32.08, null, 'count').precision, 0.01);
  one('there are 1\u00a0000 firms', '1\u00a0000', 1000, null, 'count');
  one('exactly 1 234 567 people', '1 234 567', 1234567, null, 'count');
  one('the balance fell to -42 points', '-42', -42, null, 'count');
  one('a share of .25 remains', '.25', 0.25, null, 'count');
  const f = one('up 8,753.5 units', '8,753.5', 8753.5, null, 'count');
  assert.deepEqual(f.style, { words: false, decimalSeparator: '.', groupSeparator: ',', scale: 1 });
  // "8.753" in English is a decimal, not eight thousand.
  one('ratio 8.753 overall', '8.753', 8.753, null, 'count');
});

test('percentages and percentage points', () => {
  assert.equal(one('about 50% of trade', '50%', 50, '%', 'percent').style.percentText, '%');
  assert.equal(one('rose 50 % last year', '50 %', 50, '%', 'percent').style.percentText, ' %');
  one('some 50 percent of it', '50 percent', 50, '%', 'percent');
  one('some 50 per cent of it', '50 per cent', 50, '%', 'percent');
  const f = one('attracted 44.7% of its', '44.7%', 44.7, '%', 'percent');
  assert.equal(f.precision, 0.1);
  one('up 7.3 percentage points on', '7.3 percentage points', 7.3, 'pp', 'percentagePoints');
  one('twenty percent of all', 'twenty percent', 20, '%', 'percent');
});

test('scale words, including bn, mn and k', () => {
  const f = one('exports of 51.859 million laptops', '51.859 million', 51859000, null, 'count');
  assert.equal(f.precision, 1000);
  assert.equal(f.style.scaleWord, 'million');
  assert.equal(f.style.scale, 1e6);
  one('a deal worth 2 trillion', '2 trillion', 2e12, null, 'count');
  one('sold 3bn units', '3bn', 3e9, null, 'count');
  one('lost 4 mn users', '4 mn', 4e6, null, 'count');
  one('about 10k visitors', '10k', 10000, null, 'count');
  one('it raised 10M in a week', '10M', 1e7, null, 'count');
  none('a 1m wide path');
});

test('money before and after the number, with and without a scale word', () => {
  const f = one('a value of approximately US$32.08 billion', 'US$32.08 billion', 32.08e9, 'USD', 'money');
  assert.equal(f.precision, 1e7);
  assert.equal(f.style.currencyText, 'US$');
  assert.equal(f.style.currencyBefore, true);
  assert.equal(f.approx, 'about');
  one('worth 32,080 million US dollars', '32,080 million US dollars', 32.08e9, 'USD', 'money');
  const g = one('financing worth 5.6 billion U.S. dollars to', '5.6 billion U.S. dollars', 5.6e9, 'USD', 'money');
  assert.equal(g.style.currencyText, 'U.S. dollars');
  assert.equal(g.style.currencyBefore, false);
  one('to complete RMB 1.71 trillion', 'RMB 1.71 trillion', 1.71e12, 'CNY', 'money');
  one('reached 359.5 billion yuan.', '359.5 billion yuan', 359.5e9, 'CNY', 'money');
  one('cost $5m overall', '$5m', 5e6, 'USD', 'money');
  one('paid €20 to enter', '€20', 20, 'EUR', 'money');
  one('paid 20 euros to enter', '20 euros', 20, 'EUR', 'money');
  one('paid £7.50 each', '£7.50', 7.5, 'GBP', 'money');
  one('paid ¥300 each', '¥300', 300, 'CNY', 'money');
  one('to HK$10.05 billion', 'HK$10.05 billion', 10.05e9, 'HKD', 'money');
  one('costs USD 200 now', 'USD 200', 200, 'USD', 'money');
  one('costs 12 renminbi now', '12 renminbi', 12, 'CNY', 'money');
  const shared = en('are expected to be 104 billion and 71 billion yuan for these');
  assert.deepEqual(shared.map((f) => [f.text, f.value, f.unit, f.kind]), [
    ['104 billion', 104e9, 'CNY', 'money'],
    ['71 billion yuan', 71e9, 'CNY', 'money'],
  ]);
  assert.deepEqual(en('253 and 300 contracted projects').map((f) => f.unit), [null, null]);
});

test('fractions in words and digits', () => {
  one('employment for one-fifteenth of the urban workforce', 'one-fifteenth', 1 / 15, null, 'fraction');
  one('and one-tenth of tax revenue', 'one-tenth', 0.1, null, 'fraction');
  one('a quarter of the assets', 'a quarter', 0.25, null, 'fraction');
  one('one-quarter of the total', 'one-quarter', 0.25, null, 'fraction');
  one('a third of them', 'a third', 1 / 3, null, 'fraction');
  one('more than half of the firms', 'half', 0.5, null, 'fraction');
  one('one half of the firms', 'one half', 0.5, null, 'fraction');
  one('two-thirds of the firms', 'two-thirds', 2 / 3, null, 'fraction');
  one('three-quarters of the firms', 'three-quarters', 0.75, null, 'fraction');
  one('roughly 1/2 of them', '1/2', 0.5, null, 'fraction');
  one('one out of three firms', 'one out of three', 1 / 3, null, 'fraction');
  none('a third airport opened');
  none('in the second half of the year');
});

test('number words', () => {
  one('with twenty-one members', 'twenty-one', 21, null, 'count');
  one('with forty five members', 'forty five', 45, null, 'count');
  assert.equal(one('with three hundred members', 'three hundred', 300, null, 'count').precision, 100);
  one('with two thousand members', 'two thousand', 2000, null, 'count');
  one('with a million members', 'a million', 1e6, null, 'count');
  one('with 1.5 million members', '1.5 million', 1.5e6, null, 'count');
  one('with 4 thousand 3 hundred and 21 members', '4 thousand 3 hundred and 21', 4321, null, 'count');
  one('five and a half million members', 'five and a half million', 5.5e6, null, 'count');
  one('one billion and a half million', 'one billion and a half million', 1.0005e9, null, 'count');
  one('five point five members', 'five point five', 5.5, null, 'count');
  assert.deepEqual(en('1.5 million and 300 companies').map((f) => f.value), [1.5e6, 300]);
  one('nine special zones', 'nine', 9, null, 'count');
  one('one and a half percent more', 'one and a half percent', 1.5, '%', 'percent');
  assert.equal(one('nine special zones', 'nine', 9, null, 'count').style.words, true);
  none('the one you mentioned');
  none('dozens of firms');
});

test('ranks only in rank constructions', () => {
  const f = one('ranked fifth among 296 cities in', 'fifth', 5, null, 'rank');
  assert.equal(f.of, 296);
  assert.equal(one('it came fifth among 296 cities', 'fifth', 5, null, 'rank').of, 296);
  one('ranking first in terms of export volume', 'first', 1, null, 'rank');
  one('it is ranked 3rd nationally', '3rd', 3, null, 'rank');
  none('the fourth episode of the show');
  none('the first power semiconductor company');
});

test('multiples', () => {
  one('twice as many firms', 'twice', 2, null, 'multiple');
  one('three times as large', 'three times', 3, null, 'multiple');
  one('a 3-fold rise', '3-fold', 3, null, 'multiple');
  none('I tried to call Bob twice.');
});

test('ranges are one figure', () => {
  const f = one('grew 5 to 10 % a year', '5 to 10 %', 5, '%', 'percent');
  assert.equal(f.rangeTo, 10);
  assert.equal(one('between 100 and 200 firms', '100 and 200', 100, null, 'count').rangeTo, 200);
  assert.equal(one('for 5–10 years', '5–10', 5, null, 'count').rangeTo, 10);
  const g = one('worth 5 to 10 million yuan', '5 to 10 million yuan', 5e6, 'CNY', 'money');
  assert.equal(g.rangeTo, 10e6);
  // "from X to Y" is a change, not a range.
  assert.deepEqual(en('rose from 5 to 10 firms').map((x) => x.value), [5, 10]);
});

test('approximation qualifiers set approx and qualifierStart', () => {
  const cases: Array<[string, string]> = [
    ['about 50 firms', 'about'], ['approximately 50 firms', 'about'], ['around 50 firms', 'about'], ['roughly 50 firms', 'about'],
    ['some 50 firms', 'about'], ['nearly 50 firms', 'nearly'], ['almost 50 firms', 'nearly'], ['close to 50 firms', 'nearly'],
    ['more than 240 firms', 'more'], ['over 50 firms', 'more'], ['above 50 firms', 'more'], ['exceeding 50 firms', 'more'],
    ['at least 50 firms', 'atLeast'], ['no fewer than 50 firms', 'atLeast'], ['less than 50 firms', 'less'], ['under 50 firms', 'less'],
    ['below 50 firms', 'less'], ['fewer than 50 firms', 'less'], ['up to 50 firms', 'upTo'], ['as many as 50 firms', 'upTo'],
    ['at most 50 firms', 'atMost'],
  ];
  for (const [text, approx] of cases) {
    const [f] = en(`They had ${text}.`);
    assert.equal(f.approx, approx, text);
    assert.equal(f.qualifierStart, 'They had '.length, text);
  }
  assert.equal(en('They had 50 firms.')[0].approx, null);
});

test('years, dates and times are not figures', () => {
  none('293 in 2020'.slice(4));
  assert.deepEqual(en('293 in 2020').map((f) => f.text), ['293']);
  none('since 1997 the city grew');
  none('the 1980s were different');
  none('from October 1 to 7, the fair ran');
  none('On December 30, Chongqing Investment');
  none('the 2016-2020 period');
  none('the period (2016–2020) ended');
  none('at 10:30 they met');
  none('at 9 am they met');
  none('Environment Report 2020, Chongqing');
  none('showcased the 2021 annual report');
});

test('a year-like number is a count after a counting phrase and before a plural noun', () => {
  one('a total of 1493 rail-sea intermodal trains', '1493', 1493, null, 'count');
  one('the firm employs 2020 employees', '2020', 2020, null, 'count');
  one('more than 2000 companies', '2000', 2000, null, 'count');
});

test('list markers, phone numbers, URLs, e-mail addresses and versions are not figures', () => {
  none('1. First point of the list');
  none('(1) First point of the list');
  none('call this telephone number:+86-23-67230470');
  none('see https://example.com/page/2021/10 for more');
  none('see www.example.com/5 for more');
  none('write to info2021@example.com today');
  none('running v1.2.3 now');
  none('version 1.2.3 now');
  // IP addresses: a product choice; the four parts are no amounts.
  none('host 192.168.1.2 replied');
});

test('numbers inside names are not figures', () => {
  none('the Fortune 500 list');
  none('the Fortune Global 500 list');
  none('the world’s top 500 companies');
  none('the 33618 system');
  none('the “33618” modern manufacturing cluster system');
  none('a “1+2+7+9” open platform system');
  none('packaging for 12-inch chips');
  none('the “14th Five-Year Plan” period');
  none('during the 13th Five-Year Plan');
  none('Super 80 Street on Nanpingzheng Street');
  none('an 8D fantasy skyline');
  none('the “20 Measures for Stabilising Foreign Investment”');
  none('the 21st Century Economic Research Institute');
  none('such as Testbed2, Beicang');
  none('during COVID-19 times');
  none('at the G20 summit');
  none('runs on Windows 11 now');
  none('the Airbus A380 landed');
  none('under Article 5 of the law');
  none('a road of 29 km');
  none('a bottle of 180 ml');
  none('a weight of 45 kg');
  none('Open 24/7 for visitors');
  none('The 2020/21 season');
  none('5G networks and 4K screens');
  none('a 50-50 split');
  none('Tel. 023-67230470');
  none('as Figure 3 shows');
});

test('every figure in a real paragraph, nothing name-like', () => {
  const text = 'Chongqing has established a total of 8,753 foreign-invested enterprises, with 322 of the world’s top 500 companies '
    + 'having operations in the city. These foreign enterprises directly and indirectly drive employment for one-fifteenth '
    + 'of the urban workforce, contribute approximately 50% of import and export volume and one-tenth of tax revenue.';
  assert.deepEqual(en(text).map((f) => [f.text, f.value, f.kind, f.approx]), [
    ['8,753', 8753, 'count', null],
    ['322', 322, 'count', null],
    ['one-fifteenth', 1 / 15, 'fraction', null],
    ['50%', 50, 'percent', 'about'],
    ['one-tenth', 0.1, 'fraction', null],
  ]);
});

test('from/to limit the scan and offsets stay document offsets', () => {
  const text = 'First 12 firms. Then 34 firms.';
  const figures = findFigures(text, 'en', 16, text.length);
  assert.deepEqual(figures.map((f) => [f.text, f.start]), [['34', 21]]);
});

test('linear time on hostile input', () => {
  // Long runs of digits and separators, dots, qualifiers, number words and currency signs, in one text.
  const pieces = ['1,', '.', '9', 'more than ', '1 ', 'one-', 'US$', '1.', 'a ', 'zwischen ', '1 000 '];
  const hostile = (n: number): string => pieces.map((p) => p.repeat(Math.ceil(n / pieces.length / p.length))).join(' ');
  assertLinear('findFigures', hostile, (text) => [findFigures(text, 'en'), findFigures(text, 'de')], 20_000);
});

test('never throws; figures are in order, do not overlap and their text is the document text', () => {
  const pieces = ['1', '0', '9', ',', '.', ' ', '-', '–', '/', ':', '%', '$', 'US', '€', 'a', 'one', 'half', 'and', 'to', 'bis', 'million',
    'Mrd.', 'ein', 'Drittel', 'third', 'ranked', 'fifth', 'among', 'more than', 'etwa', '\n', '“', '”', 'e', 'k', 'M', 'times', 'as', 'Platz'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...pieces, '9'.repeat(400)), { maxLength: 40 }), fc.constantFrom<'en' | 'de'>('en', 'de'), (parts, lang) => {
    const text = parts.join('');
    const figures = findFigures(text, lang);
    let last = 0;
    for (const f of figures) {
      assert.equal(text.slice(f.start, f.end), f.text);
      assert.ok(f.start >= last && f.end > f.start, 'ordered, not overlapping');
      assert.ok(Number.isFinite(f.value), `finite value for ${f.text}`);
      last = f.end;
    }
  }), { numRuns: 3000 });
});

test('currencies from the ISO list: codes in capitals, MUSD-style millions, names, symbols', () => {
  one('the fund raised CHF 40 million', 'CHF 40 million', 40e6, 'CHF', 'money');
  one('a deal worth 30 MEUR', '30 MEUR', 30e6, 'EUR', 'money');
  one('sales of MUSD 12.5 last year', 'MUSD 12.5', 12.5e6, 'USD', 'money');
  one('bonds for 250 million Dutch guilders', '250 million Dutch guilders', 250e6, 'NLG', 'money');
  one('priced at 900 pesetas', '900 pesetas', 900, 'ESP', 'money');
  one('a loan of 15,000 Swiss francs', '15,000 Swiss francs', 15000, 'CHF', 'money');
  one('it costs ₭ 5,000 here', '₭ 5,000', 5000, 'LAK', 'money');
  one('they lost 75 USD million', '75 USD million', 75e6, 'USD', 'money');
  // A code that is also a word, and an ambiguous currency noun, name no currency.
  one('ALL 5 teams agreed', '5', 5, null, 'count');
  one('a fee of 528 francs', '528', 528, null, 'count');
  // Lower-case letters are words, not codes.
  one('the nok 5 plan', '5', 5, null, 'count');
});

test('compound amounts with a minor unit', () => {
  one('it cost 3 dollars 50 cents.', '3 dollars 50 cents', 3.5, 'USD', 'money');
  one('only thirteen dollars and forty-five cents', 'thirteen dollars and forty-five cents', 13.45, 'USD', 'money');
  one('the fare is 15 dollars 50.', '15 dollars 50', 15.5, 'USD', 'money');
  one('a rise to 17 USD 25.', '17 USD 25', 17.25, 'USD', 'money');
  // Without a minor-unit word the part must end the clause; yen have no minor unit.
  assert.deepEqual(en('5 dollars and 20 people came').map((f) => f.value), [5, 20]);
  assert.deepEqual(en('500 yen 20.').map((f) => f.value), [500, 20]);
  // Money as a compound adjective.
  one('its one-yen bid failed', 'one-yen', 1, 'JPY', 'money');
});

test('powers and scientific notation', () => {
  one('about 1.3x10^6 cells', '1.3x10^6', 1.3e6, null, 'count');
  one('a rate of 6.23x10^-4', '6.23x10^-4', 6.23e-4, null, 'count');
  one('the value 2.5^-1 here', '2.5^-1', 0.4, null, 'count');
  one('it grew to 1.1^23', '1.1^23', 1.1 ** 23, null, 'count');
});

test('mixed fractions, X over Y ending a clause, one in twenty-one', () => {
  one('it took 2 1/4 hours', '2 1/4', 2.25, null, 'fraction');
  one('the odds are one over three.', 'one over three', 1 / 3, null, 'fraction');
  one('a ratio of 1 over 20', '1 over 20', 0.05, null, 'fraction');
  one('only 1 in twenty-one', '1 in twenty-one', 1 / 21, null, 'fraction');
  // "over 3 years" is a span of time, not a ratio.
  assert.deepEqual(en('a loan of 10000 over 3 years').map((f) => f.text), ['10000', '3']);
  one('two thirds of a million people', 'two thirds of a million', 2e6 / 3, null, 'count');
});

test('Indian digit grouping and scale words', () => {
  one('a loan of 12,34,567.89 rupees', '12,34,567.89 rupees', 1234567.89, 'INR', 'money');
  one('the total is three lakh crore', 'three lakh crore', 3e12, null, 'count');
  one('we ordered three dozens', 'three dozens', 36, null, 'count');
  // Pairs must end in a group of three.
  assert.deepEqual(en('see 12,34 and 5').map((f) => f.text), ['12', '34', '5']);
});

test('a phone number written with spaces leaves no stray figure', () => {
  none('call 023 6723 0470 today');
});

test('dozens after digits and a bare hundred opening a number', () => {
  one('they sold 3 dozens', '3 dozens', 36, null, 'count');
  one('hundred thousand dollars were lost', 'hundred thousand dollars', 1e5, 'USD', 'money');
  none('hundreds of firms');
});
