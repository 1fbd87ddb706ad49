import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findFigures } from '../../server/src/core/figures';
import { figureAssertions } from '../support/figureAssertions';

const { all: de, one, none } = figureAssertions('de');

test('digits with German separators', () => {
  const f = one('beherbergt aktuell 8.753 Unternehmen', '8.753', 8753, null, 'count');
  assert.equal(f.style.groupSeparator, '.');
  assert.equal(f.style.decimalSeparator, ',');
  assert.equal(one('ein Wert von 32,08 Punkten', '32,08', 32.08, null, 'count').precision, 0.01);
  one('es sind 2.000,352 Einheiten', '2.000,352', 2000.352, null, 'count');
  one('genau 1\u202f234\u202f567 Menschen', '1\u202f234\u202f567', 1234567, null, 'count');
  // German reading differs from English: "4,800" is 4.8.
  one('Faktor 4,800 ist', '4,800', 4.8, null, 'count');
  assert.equal(findFigures('8.753', 'en')[0].value, 8.753);
});

test('percent and percentage points', () => {
  assert.equal(one('steuern etwa 50 % des Import', '50 %', 50, '%', 'percent').approx, 'about');
  one('steuern 50% des Imports', '50%', 50, '%', 'percent');
  one('steuern 50 Prozent des Imports', '50 Prozent', 50, '%', 'percent');
  one('steuern 50 v. H. des Imports', '50 v. H.', 50, '%', 'percent');
  one('stieg um 7,3 Prozentpunkte auf', '7,3 Prozentpunkte', 7.3, 'pp', 'percentagePoints');
  one('siebenunddreißig Prozent der Firmen', 'siebenunddreißig Prozent', 37, '%', 'percent');
});

test('German scale words; Billion is 10^12', () => {
  one('insgesamt 1,71 Billionen Yuan', '1,71 Billionen Yuan', 1.71e12, 'CNY', 'money');
  one('eine Billion Euro', 'eine Billion Euro', 1e12, 'EUR', 'money');
  one('rund 12,5 Millionen Stück', '12,5 Millionen', 12.5e6, null, 'count');
  one('rund 2 Mio. Stück', '2 Mio.', 2e6, null, 'count');
  one('rund 3 Mrd. Euro', '3 Mrd. Euro', 3e9, 'EUR', 'money');
  one('fast 500 Milliarden Yuan', '500 Milliarden Yuan', 500e9, 'CNY', 'money');
  one('mit 5 Tsd. Besuchern', '5 Tsd.', 5000, null, 'count');
  one('mit 5 Tausend Besuchern', '5 Tausend', 5000, null, 'count');
  const f = one('rund 32,08 Milliarden US-Dollar', '32,08 Milliarden US-Dollar', 32.08e9, 'USD', 'money');
  assert.equal(f.style.scaleWord, 'Milliarden');
  assert.equal(f.style.currencyText, 'US-Dollar');
  assert.equal(f.precision, 1e7);
});

test('money in German', () => {
  one('Preis 3 € pro Stück', '3 €', 3, 'EUR', 'money');
  one('Preis 94.000 $ gezahlt', '94.000 $', 94000, 'USD', 'money');
  one('Preis 12 500 EUR gezahlt', '12 500 EUR', 12500, 'EUR', 'money');
  one('Wert 2,5 Mio USD gezahlt', '2,5 Mio USD', 2.5e6, 'USD', 'money');
  one('zahlte US$ 15,77 Mrd. an', 'US$ 15,77 Mrd.', 15.77e9, 'USD', 'money');
  one('zahlte 300 Yuan an', '300 Yuan', 300, 'CNY', 'money');
  one('zahlte 300 Renminbi an', '300 Renminbi', 300, 'CNY', 'money');
  one('zahlte 16,4 Millionen kanadische Dollar', '16,4 Millionen kanadische Dollar', 16.4e6, 'CAD', 'money');
});

test('fractions in German', () => {
  one('für ein Fünfzehntel der Beschäftigten', 'ein Fünfzehntel', 1 / 15, null, 'fraction');
  one('und ein Zehntel der Steuereinnahmen', 'ein Zehntel', 0.1, null, 'fraction');
  one('ein Viertel der Vermögen', 'ein Viertel', 0.25, null, 'fraction');
  one('ein Drittel der Firmen', 'ein Drittel', 1 / 3, null, 'fraction');
  one('mehr als die Hälfte der Firmen', 'die Hälfte', 0.5, null, 'fraction');
  one('zwei Drittel der Firmen', 'zwei Drittel', 2 / 3, null, 'fraction');
  one('drei Viertel der Firmen', 'drei Viertel', 0.75, null, 'fraction');
  one('etwa 1/2 der Firmen', '1/2', 0.5, null, 'fraction');
  one('es gibt anderthalb Millionen', 'anderthalb Millionen', 1.5e6, null, 'count');
  none('in der zweiten Hälfte des Jahres');
});

test('German number words', () => {
  one('mit einundzwanzig Mitgliedern', 'einundzwanzig', 21, null, 'count');
  one('mit dreihundert Mitgliedern', 'dreihundert', 300, null, 'count');
  one('mit zweitausend Mitgliedern', 'zweitausend', 2000, null, 'count');
  one('es bleibt eins übrig', 'eins', 1, null, 'count');
  one('es sind zwölf Firmen', 'zwölf', 12, null, 'count');
  one('es sind sechzehn Firmen', 'sechzehn', 16, null, 'count');
  one('es sind dreißig Firmen', 'dreißig', 30, null, 'count');
  one('es sind dreissig Firmen', 'dreissig', 30, null, 'count');
  one('zwei Millionen eintausendeinhundertfünfzig', 'zwei Millionen eintausendeinhundertfünfzig', 2001150, null, 'count');
  one('es sind 2 Millionen', '2 Millionen', 2e6, null, 'count');
  none('ein Unternehmen und eine Firma');
  none('Claudia Tausend wuchs in Niederbayern auf');
});

test('ranks in German', () => {
  one('Chongqing belegt Platz fünf unter den Städten', 'fünf', 5, null, 'rank');
  one('Chongqing liegt an fünfter Stelle', 'fünfter', 5, null, 'rank');
  assert.equal(one('Chongqing ist Fünfter von 296 Städten', 'Fünfter', 5, null, 'rank').of, 296);
  one('Chongqing belegt Platz 3 landesweit', '3', 3, null, 'rank');
  none('die vierte Folge der Serie');
});

test('multiples in German', () => {
  one('doppelt so viele Firmen', 'doppelt', 2, null, 'multiple');
  one('dreimal so viel Umsatz', 'dreimal', 3, null, 'multiple');
});

test('ranges in German', () => {
  const f = one('zwischen 5 und 10 Prozent', '5 und 10 Prozent', 5, '%', 'percent');
  assert.equal(f.rangeTo, 10);
  const g = one('ca. 100 bis 300 Milliarden Sterne', '100 bis 300 Milliarden', 100e9, null, 'count');
  assert.equal(g.rangeTo, 300e9);
  assert.equal(g.approx, 'about');
});

test('German qualifiers', () => {
  const cases: Array<[string, string]> = [
    ['etwa', 'about'], ['rund', 'about'], ['ungefähr', 'about'], ['circa', 'about'], ['ca.', 'about'], ['fast', 'nearly'],
    ['beinahe', 'nearly'], ['knapp', 'nearly'], ['nahezu', 'nearly'], ['mehr als', 'more'], ['über', 'more'],
    ['mindestens', 'atLeast'], ['weniger als', 'less'], ['unter', 'less'], ['bis zu', 'upTo'], ['höchstens', 'atMost'],
  ];
  for (const [q, approx] of cases) {
    const [f] = de(`Es gab ${q} 50 Firmen.`);
    assert.equal(f.approx, approx, q);
    assert.equal(f.qualifierStart, 'Es gab '.length, q);
  }
});

test('dates, ordinals and names are not figures in German', () => {
  none('am 1. Oktober 2021 begann');
  none('Während des 14. Fünfjahresplans beschleunigte');
  none('wesentlich zum „33618“-System moderner Fertigung');
  none('und „20 Maßnahmen zur Stabilisierung“');
  none('im Jahr 2020 wuchs');
  none('seit 1997 wuchs');
  none('von 2016 bis 2020 wuchs');
  none('um 10:30 Uhr begann');
  none('um 9 Uhr begann');
  none('322 der 500 weltweit führenden Unternehmen'.slice(4));
  assert.deepEqual(de('322 der 500 weltweit führenden Unternehmen').map((f) => f.text), ['322']);
  // A number ending a sentence is still a figure.
  assert.deepEqual(de('Die Zahl stieg auf 322. Das ist viel.').map((f) => f.text), ['322']);
});

test('the German seed paragraph', () => {
  const text = 'Chongqing beherbergt aktuell 8.753 Unternehmen mit ausländischen Investitionen. 322 der 500 weltweit führenden '
    + 'Unternehmen sind hier tätig. Sie sichern ein Fünfzehntel der Beschäftigung, steuern etwa 50 % des Import- und '
    + 'Exportvolumens und ein Zehntel der Steuereinnahmen bei.';
  assert.deepEqual(de(text).map((f) => [f.text, f.value, f.kind, f.approx]), [
    ['8.753', 8753, 'count', null],
    ['322', 322, 'count', null],
    ['ein Fünfzehntel', 1 / 15, 'fraction', null],
    ['50 %', 50, 'percent', 'about'],
    ['ein Zehntel', 0.1, 'fraction', null],
  ]);
});

test('German compound amounts, codes and names from the ISO list', () => {
  one('es kostet zwei Euro fünfzig', 'zwei Euro fünfzig', 2.5, 'EUR', 'money');
  one('nur 15 Dollar und 15 Cent.', '15 Dollar und 15 Cent', 15.15, 'USD', 'money');
  one('ein Kredit über 40 Mio. CHF', '40 Mio. CHF', 40e6, 'CHF', 'money');
  one('Umsatz von 120 MEUR', '120 MEUR', 120e6, 'EUR', 'money');
  one('ein siebenhundert-Euro-Schein', 'siebenhundert-Euro', 700, 'EUR', 'money');
  one('900 Peseten', '900 Peseten', 900, 'ESP', 'money');
  // An article is one only before a currency.
  one('Hast du einen Euro?', 'einen Euro', 1, 'EUR', 'money');
  none('er wuchs in einer Familie auf');
});

test('German decimals in words', () => {
  one('es sind zwei Komma fünf', 'zwei Komma fünf', 2.5, null, 'count');
  one('es gibt einundhalb Stücke', 'einundhalb', 1.5, null, 'count');
});
