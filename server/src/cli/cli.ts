// The factlint command line: the same engine and results as the editor, for CI pipelines and scripts.
import { runCheck } from './checkCommand';
import { runFigures } from './figuresCommand';
import type { Io } from './io';
import { runValidate } from './validateCommand';

declare const FACTLINT_VERSION: string | undefined;
const VERSION = typeof FACTLINT_VERSION === 'string' ? FACTLINT_VERSION : 'dev';

const HELP = `factlint ${VERSION}: checks the figures in a draft against a sourced fact base.

usage:
  factlint check [--facts DIR]... [--lang auto|en|de] [--format text|json|sarif] [--today YYYY-MM-DD]
                 [--strict] [--cache | --cache-dir DIR] FILE...
      Check drafts. Exit 0: nothing at warning or above; 1: findings; 2: usage error,
      unreadable file or invalid fact base. --cache keeps the compiled fact base in the
      per-user cache folder ($XDG_CACHE_HOME/factlint or ~/.cache/factlint), --cache-dir in DIR:
      the next run with unchanged fact files loads it instead of the YAML.
  factlint figures [--lang auto|en|de] [--format text|json] FILE...
      List every figure found, linked to a metric or not.
  factlint facts validate [DIR]...
      Validate a fact base (default: the shipped one). Exit 2 on errors.
  factlint --version | --help
`;

export function main(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest, io, VERSION);
    case 'figures':
      return runFigures(rest, io);
    case 'facts':
      if (rest[0] === 'validate') return runValidate(rest.slice(1), io);
      io.stderr(`factlint facts: unknown sub-command ${rest[0] ?? '(none)'}; try "factlint facts validate"\n`);
      return 2;
    case '--version':
    case '-v':
      io.stdout(`${VERSION}\n`);
      return 0;
    case '--help':
    case '-h':
    case 'help':
      io.stdout(HELP);
      return 0;
    default:
      io.stderr(`${command ? `factlint: unknown command "${command}"\n\n` : ''}${HELP}`);
      return 2;
  }
}

if (require.main === module) {
  let out = '';
  let err = '';
  // Buffer and write once: process.exit would otherwise cut off piped output.
  const code = main(process.argv.slice(2), { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  if (err) process.stderr.write(err);
  process.stdout.write(out, () => process.exit(code));
}
