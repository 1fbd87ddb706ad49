import assert from 'node:assert/strict';
import { test } from 'node:test';

type Currencies = typeof import('../../server/src/core/currencies');

/** The module afresh, with no tables built or taken yet. */
function fresh(): Currencies {
  const id = require.resolve('../../server/src/core/currencies');
  delete require.cache[id];
  return require(id) as Currencies;
}

test('kept currency tables are taken only whole and from this platform, and read like the built ones', () => {
  const built = fresh();
  const data = JSON.parse(JSON.stringify(built.currencyTablesData()));
  const taker = fresh();
  assert.equal(taker.adoptCurrencyTables(null), false);
  assert.equal(taker.adoptCurrencyTables({ ...data, platform: 'node 0.0.0 icu 1' }), false);
  assert.equal(taker.adoptCurrencyTables({ ...data, symbols: [['₭']] }), false);
  assert.equal(taker.adoptCurrencyTables({ ...data, names: { en: data.names.en } }), false);
  assert.equal(taker.adoptCurrencyTables(data), true);
  for (const lang of ['en', 'de'] as const) assert.deepEqual([...taker.currencyNames(lang)], [...built.currencyNames(lang)]);
  assert.deepEqual([...taker.currencySymbols()], [...built.currencySymbols()]);
  assert.deepEqual(taker.currencyCode('CHF'), { code: 'CHF', factor: 1 });
  assert.equal(taker.currencyCode('TOP'), undefined);
  // Tables in use are not swapped under a running check.
  assert.equal(taker.adoptCurrencyTables(data), false);
});
