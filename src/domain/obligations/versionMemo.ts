// Published versions never change and a warm function keeps them in memory (the store's version
// cache), so what every customer request would otherwise recompute from one (its obligations in
// catalogue order, its lines by control) is computed once per version and kept beside it. A WeakMap
// keyed by the version object holds it exactly as long as the version lives: evicted from the cache
// and read by no request, both go together, so the memo is bounded by the cache that bounds versions.

interface Kept<T> {
  readonly catalogue: object;
  readonly value: T;
}

export type VersionMemo<T> = WeakMap<object, Kept<T>>;

/** `compute()` for this version (and catalogue) once, while the version object lives. */
export function memoByVersion<T>(memo: VersionMemo<T>, version: object, catalogue: object, compute: () => T): T {
  const kept = memo.get(version);
  if (kept && kept.catalogue === catalogue) return kept.value;
  const value = compute();
  memo.set(version, { catalogue, value });
  return value;
}
