/**
 * Loads each item `ahead` items before the consumer reaches it: while one page of templates is
 * being written, the next one is already being read from Odoo. Yields [item, loaded] in order.
 * Nothing is loaded past what the consumer may still ask for, and a load that fails rejects
 * when its item is reached, never as an unhandled rejection (the consumer may stop earlier).
 */
export async function* withLookahead<T, R>(
  items: readonly T[],
  load: (item: T) => Promise<R>,
  ahead = 1
): AsyncGenerator<[T, R]> {
  const pending = new Map<number, Promise<R>>()
  const start = (index: number) => {
    if (index >= items.length || pending.has(index)) return
    const loading = Promise.resolve().then(() => load(items[index]))
    // Observed here so an abandoned load never surfaces as unhandled; awaited below as is.
    loading.catch(() => undefined)
    pending.set(index, loading)
  }
  for (let index = 0; index < items.length; index++) {
    for (let next = index; next <= index + Math.max(0, ahead); next++) start(next)
    const loaded = await pending.get(index)!
    pending.delete(index)
    yield [items[index], loaded]
  }
}
