// Values worked out once per object of a loaded fact base (its metrics and observations do
// not change once loaded), kept no longer than the object is.

/** `compute`, remembered per argument. */
export function perObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = compute(key)));
    return value;
  };
}
