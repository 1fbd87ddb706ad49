// Bundles the CLI, the language server and the VS Code client with esbuild.
// Each bundle is self-contained (dependencies inlined) so that the .vsix and the
// npm package need no node_modules at run time.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, chmodSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The language server is built before its launcher, which is told the bundle's digest to key
// its code cache (server/src/launch.ts).
const entries = [
  { in: 'server/src/cli/cli.ts', out: 'dist/cli.js', bin: true },
  { in: 'server/src/server.ts', out: 'dist/languageServer.js' },
  { in: 'server/src/launch.ts', out: 'dist/server.js', bin: true, define: () => ({ FACTLINT_SERVER_ID: JSON.stringify(createHash('sha1').update(readFileSync('dist/languageServer.js')).digest('hex')) }) },
  { in: 'client/src/extension.ts', out: 'dist/client.js', external: ['vscode'] },
];
const production = process.argv.includes('--production');

/**
 * yaml's Node build reads process.env.LOG_TOKENS for every token it parses (a debugging aid):
 * an environment lookup that costs about an eighth of parsing a large fact file. Its browser
 * build is the same parser without the Node logging; the bundles take that one.
 */
const yamlWithoutEnvironment = {
  name: 'yaml-without-environment',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, () => ({ path: fileURLToPath(new URL('../node_modules/yaml/browser/index.js', import.meta.url)) }));
  },
};
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

for (const e of entries) {
  if (!existsSync(e.in)) continue;
  await build({
    entryPoints: [e.in],
    outfile: e.out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    external: e.external ?? [],
    // ESM builds first: some packages (jsonc-parser) ship UMD mains that esbuild cannot follow.
    mainFields: ['module', 'main'],
    banner: e.bin ? { js: '#!/usr/bin/env node' } : undefined,
    define: { FACTLINT_VERSION: JSON.stringify(version), ...e.define?.() },
    plugins: [yamlWithoutEnvironment],
    logLevel: 'warning',
  });
  if (e.bin) chmodSync(e.out, 0o755);
}
