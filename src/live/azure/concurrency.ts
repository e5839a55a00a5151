// Bounded parallelism for Resource Manager reads: enough calls in flight to
// scan a large subscription in minutes, few enough not to be throttled.

/** Runs `work` on every item with at most `limit` running at once; keeps going when one fails. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
