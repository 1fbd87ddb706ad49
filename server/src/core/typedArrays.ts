// The scanners keep their tokens and tables in typed arrays (no object per token), reused from
// call to call and grown when a text needs more room.

type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A typed array of a's kind, `length` long, that starts with a's values. */
export function grown<T extends Typed>(a: T, length: number): T {
  const b = new (a.constructor as new (length: number) => T)(length);
  b.set(a);
  return b;
}
