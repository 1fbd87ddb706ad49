// yaml, evaluated on first use instead of at module load: a language server that starts
// from the compiled fact base (compiledBase.ts) parses no YAML, and the package costs
// milliseconds of its start. The bundle still holds it; only its evaluation waits. Same
// names and types as the package's own exports.
import type * as YamlModule from 'yaml';

let yamlModule: typeof YamlModule | undefined;
const yaml = (): typeof YamlModule => (yamlModule ??= require('yaml') as typeof YamlModule);

export type LineCounter = YamlModule.LineCounter;
// A constructor that returns the package's own instance, so `new LineCounter()` reads as before.
export const LineCounter = function LineCounter() {
  return new (yaml().LineCounter)();
} as unknown as typeof YamlModule.LineCounter;
export const parseDocument: typeof YamlModule.parseDocument = (...args) => yaml().parseDocument(...args);
// The node tests are generic type guards, which an arrow function cannot restate: cast.
export const isAlias = ((n: unknown) => yaml().isAlias(n)) as typeof YamlModule.isAlias;
export const isMap = ((n: unknown) => yaml().isMap(n)) as typeof YamlModule.isMap;
export const isScalar = ((n: unknown) => yaml().isScalar(n)) as typeof YamlModule.isScalar;
export const isSeq = ((n: unknown) => yaml().isSeq(n)) as typeof YamlModule.isSeq;
