// Data the server derives from the platform on every start, kept in the cache folder between
// starts: the currency tables (core/currencies.ts) take tens of milliseconds of Intl calls
// before the first check can read a currency. Keyed by the platform (Node, ICU, CLDR), so a
// kept table is exactly the one the platform would make; anything unreadable is rebuilt.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keepInCacheFolder } from './cacheFolder';
import { adoptCurrencyTables, currencyTablesData } from './core/currencies';

const PREFIX = 'intl-currencies-';
/** Tables of this many platforms are kept (an editor's Node and a terminal's may share the folder). */
const KEEP = 4;

function fileFor(dir: string): string {
  const v = process.versions;
  const id = createHash('sha1').update(`${v.node} ${v.icu} ${v.cldr} ${v.unicode}`).digest('hex').slice(0, 16);
  return join(dir, `${PREFIX}${id}.json`);
}

/** Uses the kept tables, if any: true when they were taken. */
export function readPlatformTables(dir: string): boolean {
  try {
    return adoptCurrencyTables(JSON.parse(readFileSync(fileFor(dir), 'utf8')));
  } catch {
    return false;
  }
}

/** Keeps the tables in use (built by now, after a check), replacing a kept file that could not be taken; returns the file. */
export function writePlatformTables(dir: string): string {
  const file = fileFor(dir);
  keepInCacheFolder(file, JSON.stringify(currencyTablesData()), (name) => name.startsWith(PREFIX) && name.endsWith('.json'), KEEP);
  return file;
}
