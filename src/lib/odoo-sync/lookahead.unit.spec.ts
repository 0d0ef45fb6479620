import { withLookahead } from "./lookahead"

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok
    reject = fail
  })
  return { promise, resolve, reject }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe("withLookahead", () => {
  it("yields every item with what was loaded for it, in order", async () => {
    const seen: [number, string][] = []
    for await (const entry of withLookahead([1, 2, 3], async (n) => `page ${n}`)) seen.push(entry)
    expect(seen).toEqual([
      [1, "page 1"],
      [2, "page 2"],
      [3, "page 3"],
    ])
  })

  it("starts loading the next item while the current one is being used, and no further", async () => {
    const loads = new Map<number, ReturnType<typeof deferred<string>>>()
    const started: number[] = []
    const load = (n: number) => {
      started.push(n)
      const d = deferred<string>()
      loads.set(n, d)
      return d.promise
    }
    const pages = withLookahead([1, 2, 3, 4], load)
    const first = pages.next()
    await tick()
    expect(started).toEqual([1, 2])
    loads.get(1)!.resolve("one")
    expect((await first).value).toEqual([1, "one"])
    // Page 1 is being written: page 2 is loading, page 3 not yet.
    expect(started).toEqual([1, 2])
    const second = pages.next()
    await tick()
    expect(started).toEqual([1, 2, 3])
    loads.get(2)!.resolve("two")
    expect((await second).value).toEqual([2, "two"])
    await pages.return(undefined)
    expect(started).toEqual([1, 2, 3])
  })

  it("loads nothing ahead with ahead = 0", async () => {
    const started: number[] = []
    const pages = withLookahead([1, 2], async (n) => started.push(n), 0)
    await pages.next()
    expect(started).toEqual([1])
  })

  it("rejects when the consumer reaches an item whose load failed", async () => {
    const load = async (n: number) => {
      if (n === 2) throw new Error("Odoo is down")
      return n
    }
    const seen: number[] = []
    await expect(
      (async () => {
        for await (const [item] of withLookahead([1, 2, 3], load)) seen.push(item)
      })()
    ).rejects.toThrow("Odoo is down")
    expect(seen).toEqual([1])
  })

  it("leaves no unhandled rejection when the consumer stops before a failed load", async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on("unhandledRejection", onUnhandled)
    try {
      const load = async (n: number) => {
        if (n === 2) throw new Error("read failed while page 1 was written")
        return n
      }
      await expect(
        (async () => {
          for await (const [item] of withLookahead([1, 2, 3], load)) {
            if (item === 1) throw new Error("page 1 failed")
          }
        })()
      ).rejects.toThrow("page 1 failed")
      await tick()
      await tick()
      expect(unhandled).toEqual([])
    } finally {
      process.off("unhandledRejection", onUnhandled)
    }
  })

  it("turns a load that throws synchronously into a rejection", async () => {
    const load = (n: number): Promise<number> => {
      if (n === 1) throw new Error("bad input")
      return Promise.resolve(n)
    }
    await expect(withLookahead([1], load).next()).rejects.toThrow("bad input")
  })
})
