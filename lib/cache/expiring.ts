/**
 * An in-process cache whose entries expire: a key missing or expired is computed once however many
 * callers ask for it at the same moment (a promise is kept as soon as it is made, so they share the
 * one computation), a failed promise is not kept, and the cache holds at most `maxEntries` keys (the
 * least recently used leave first). The clock is a parameter, so its rules are tested without waiting.
 */
export type ExpiringCache<V> = {
  /** The key's value, computed by `compute` when it is missing or older than the cache's lifetime. */
  get(key: string, compute: () => V): V;
  /** How many keys are held (computed or being computed). */
  readonly size: number;
  clear(): void;
};

export function expiringCache<V>(options: { ttlMs: number; maxEntries: number; now?: () => number }): ExpiringCache<V> {
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting a key on use makes its first key the least recently used.
  const entries = new Map<string, { at: number; value: V }>();
  return {
    get(key, compute) {
      const held = entries.get(key);
      const at = now();
      if (held && at - held.at < options.ttlMs) {
        entries.delete(key);
        entries.set(key, held);
        return held.value;
      }
      const value = compute();
      const entry = { at, value };
      entries.delete(key);
      entries.set(key, entry);
      // A failure is not an answer to keep: the next caller computes again (unless a newer try replaced it).
      if (value instanceof Promise) {
        value.catch(() => {
          if (entries.get(key) === entry) entries.delete(key);
        });
      }
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    get size() {
      return entries.size;
    },
    clear() {
      entries.clear();
    },
  };
}
