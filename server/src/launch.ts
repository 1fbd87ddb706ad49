// factlint-ls, the command: runs the language server bundle (dist/languageServer.js, built
// from server.ts) through a V8 code cache kept in the cache folder. Without one, every start
// parses the whole bundle and compiles each function a first check runs, a third of the time
// to the first diagnostics; with it, V8 takes that code ready-made. The cache is made once per
// bundle, Node and flags, when the first start settles, and checked whole before it is used.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { commandLineCacheDir, keepInCacheFolder } from './cacheFolder';

/** SHA-1 of the bundle, set at build time (scripts/build.mjs). */
declare const FACTLINT_SERVER_ID: string;

const BUNDLE = join(__dirname, 'languageServer.js');
const PREFIX = 'code-';
const EXT = '.v8';
/** Code caches of this many bundles and platforms are kept (an editor's Node and a terminal's may share the folder). */
const KEEP = 4;
const DIGEST_BYTES = 20;

interface ServerModule {
  whenSettled?: (listener: () => void) => void;
}

const sha1 = (data: string | Uint8Array): Buffer => createHash('sha1').update(data).digest();

/**
 * The code cache's file: V8 accepts code only from the same V8 and flags, and checks the source
 * by its length alone. Flags come from the command line and NODE_OPTIONS: starts with other
 * flags keep a file of their own rather than replace each other's.
 */
function cacheFile(dir: string): string {
  const id = sha1([FACTLINT_SERVER_ID, process.version, process.versions.v8, process.arch, process.env.NODE_OPTIONS ?? '', ...process.execArgv].join('\0'));
  return join(dir, `${PREFIX}${id.toString('hex').slice(0, 16)}${EXT}`);
}

/** The kept code, if the file is whole: its SHA-1 leads it (V8 itself checks no checksum in release builds). */
function readCache(file: string): Buffer | undefined {
  try {
    const kept = readFileSync(file);
    const code = kept.subarray(DIGEST_BYTES);
    return code.length > 0 && sha1(code).equals(kept.subarray(0, DIGEST_BYTES)) ? code : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(file: string, script: Script): void {
  try {
    const code = script.createCachedData();
    keepInCacheFolder(file, Buffer.concat([sha1(code), code]), (name) => name.startsWith(PREFIX) && name.endsWith(EXT), KEEP);
  } catch {
    // A folder that cannot be written: every start compiles, as without a cache.
  }
}

function bundleText(): string {
  try {
    return readFileSync(BUNDLE, 'utf8');
  } catch (err) {
    // An install that lost the bundle (only server.js copied): say which file, not a stack.
    process.stderr.write(`factlint-ls: cannot read the server bundle ${BUNDLE}: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

const dir = commandLineCacheDir(process.argv.slice(2));
const file = dir === undefined ? undefined : cacheFile(dir);
const cachedData = file === undefined ? undefined : readCache(file);
// The wrapper Node gives a CommonJS module; the bundle needs nothing else from it.
const source = `(function (exports, require, module, __filename, __dirname) {${bundleText()}\n})`;
const script = new Script(source, { filename: BUNDLE, cachedData });
const server: { exports: ServerModule } = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(server.exports, createRequire(BUNDLE), server, BUNDLE, __dirname);
if (file !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
  server.exports.whenSettled?.(() => writeCache(file, script));
}
