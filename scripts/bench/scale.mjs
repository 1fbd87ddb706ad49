// One size of the scale benchmark, run in child processes so that each measurement starts
// from a fresh heap and its resident memory is its own:
//   node --expose-gc scale.mjs prepare <root> <metrics> <workDir> <yamlMax>  → builds the base
//     (YAML files when metrics ≤ yamlMax, then loads them and weighs what it keeps), compiles
//     it; prints JSON timings
//   node scale.mjs measure <root> <compiledFile> <draftFile> <runs>  → loads the compiled base,
//     checks the draft; prints JSON with load and check times and peak RSS
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHECK_WARMUP, summary, timeRuns } from './stats.mjs';
import { syntheticBase, syntheticYaml } from './synthetic.mjs';

const [mode, root, ...rest] = process.argv.slice(2);
// `root` holds out/ (the benchmark's copy of the build); packages resolve from the folders above it.
const require = createRequire(join(root, 'package.json'));
const core = (name) => require(join(root, 'out', 'server', 'src', 'core', `${name}.js`));

function prepare(n, dir, yamlMax) {
  const { loadFactBase, shippedFactsDir } = core('factBase');
  const compiled = core('compiledBase');
  const { normalizeCue } = core('factValidation');
  const shipped = loadFactBase([shippedFactsDir()]).base;
  const out = { metrics: n, yamlLoadMs: null, yamlMetrics: null, yamlHeapMB: null };
  const file = join(dir, `base-${n}.flcb`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let input;
  if (n <= yamlMax) {
    const yamlDir = join(dir, 'yaml');
    mkdirSync(yamlDir);
    for (const [name, text] of syntheticYaml(n, shipped, normalizeCue)) writeFileSync(join(yamlDir, name), text);
    const t = performance.now();
    const loaded = loadFactBase([shippedFactsDir(), yamlDir]);
    out.yamlLoadMs = Math.round(performance.now() - t);
    out.yamlMetrics = loaded.base.metrics.size;
    // What the base loaded from YAML keeps alive, as a language server holds it after a fact file edit.
    globalThis.gc();
    out.yamlHeapMB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
    // A base the fact base's rules reject would be measured doing something no user's base does.
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    if (errors.length > 0) throw new Error(`the synthetic fact base has ${errors.length} errors, first: ${errors[0].message}`);
    input = { sources: loaded.base.sources.values(), subjects: loaded.base.subjects.values(), metrics: loaded.base.metrics.values(), files: compiled.factFileStamps(loaded.base.files) };
  } else {
    const synth = syntheticBase(n, shipped, normalizeCue);
    input = {
      sources: [...shipped.sources.values(), ...synth.sources],
      subjects: [...shipped.subjects.values(), ...synth.subjects],
      metrics: (function* () {
        yield* shipped.metrics.values();
        yield* synth.metrics();
      })(),
      files: [],
    };
  }
  const t = performance.now();
  compiled.compileFactBase(input, file);
  out.compileMs = Math.round(performance.now() - t);
  out.fileMB = Math.round(statSync(file).size / 2 ** 20);
  out.file = file;
  return out;
}

function measure(file, draftFile, runs) {
  const { check } = core('check');
  const { loadCompiledBase } = core('compiledBase');
  const text = readFileSync(draftFile, 'utf8');
  const t = performance.now();
  const base = loadCompiledBase(file);
  const loadMs = performance.now() - t;
  const options = { format: 'markdown', today: '2026-01-01' };
  const t1 = performance.now();
  const first = check(text, base, options);
  const firstCheckMs = performance.now() - t1;
  const ms = timeRuns(() => check(text, base, options), runs, CHECK_WARMUP);
  return {
    metrics: base.metrics.size,
    loadMs: Math.round(loadMs * 10) / 10,
    firstCheckMs: Math.round(firstCheckMs * 10) / 10,
    checkMs: summary(ms),
    claims: first.claims.length,
    rssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

const result = mode === 'prepare' ? prepare(Number(rest[0]), rest[1], Number(rest[2])) : measure(rest[0], rest[1], Number(rest[2]));
process.stdout.write(JSON.stringify(result) + '\n');
