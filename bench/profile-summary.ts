/**
 * Where a step's CPU time goes, from a .cpuprofile written by `npm run bench -- --cpu-prof`:
 *   npx ts-node --transpile-only bench/profile-summary.ts bench/results/profiles/run1-full.cpuprofile [--top 25]
 * Self time by area (idle, GC, our src/, each node_modules package, node internals) and the
 * functions with the most self time. With two files, the second's areas are shown beside it.
 */
import fs from "node:fs"
import path from "node:path"

type Node = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

function area(url: string, name: string): string {
  if (name === "(idle)") return "idle (waiting: PostgreSQL, Odoo, timers)"
  if (name === "(garbage collector)") return "garbage collector"
  if (name === "(program)") return "(program)"
  if (!url) return `native: ${name || "(anonymous)"}`
  const modules = url.lastIndexOf("node_modules/")
  if (modules >= 0) {
    const rest = url.slice(modules + "node_modules/".length).split("/")
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  if (url.startsWith("node:")) return "node internals"
  const relative = url.replace(/^file:\/\//, "")
  const inProject = relative.indexOf("/src/")
  if (inProject >= 0) return `ours: ${relative.slice(inProject + 1).split("/").slice(0, 3).join("/")}`
  return path.basename(relative)
}

function selfTimes(file: string) {
  const profile: Profile = JSON.parse(fs.readFileSync(file, "utf8"))
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<number, number>()
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)))
  const areas = new Map<string, number>()
  const functions = new Map<string, number>()
  let total = 0
  for (const [id, micros] of self) {
    const { callFrame } = byId.get(id)!
    const key = area(callFrame.url, callFrame.functionName)
    areas.set(key, (areas.get(key) ?? 0) + micros)
    const fn = `${callFrame.functionName || "(anonymous)"} ${callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|bench)\//, "$1/")}:${callFrame.lineNumber + 1}`
    functions.set(fn, (functions.get(fn) ?? 0) + micros)
    total += micros
  }
  return { areas, functions, total }
}

function main(): void {
  const args = process.argv.slice(2)
  const topIndex = args.indexOf("--top")
  const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25
  const files = args.filter((arg, index) => !arg.startsWith("--") && !(topIndex >= 0 && index === topIndex + 1))
  if (!files.length) {
    process.stderr.write("usage: profile-summary.ts FILE.cpuprofile [OTHER.cpuprofile] [--top N]\n")
    process.exit(2)
  }
  const [first, second] = files.map(selfTimes)
  const ms = (micros: number) => (micros / 1000).toFixed(0).padStart(8)
  const out: string[] = [
    `${files[0]}: ${(first.total / 1e6).toFixed(2)} s sampled${second ? `; ${files[1]}: ${(second.total / 1e6).toFixed(2)} s` : ""}`,
    "",
    "self time by area (ms):",
  ]
  const keys = [...new Set([...first.areas.keys(), ...(second?.areas.keys() ?? [])])].sort(
    (a, b) => (second?.areas.get(b) ?? first.areas.get(b) ?? 0) - (second?.areas.get(a) ?? first.areas.get(a) ?? 0)
  )
  for (const key of keys.slice(0, 40)) {
    out.push(`${ms(first.areas.get(key) ?? 0)}${second ? ms(second.areas.get(key) ?? 0) : ""}  ${key}`)
  }
  out.push("", `top ${top} functions by self time (ms), ${files[second ? 1 : 0]}:`)
  const functions = (second ?? first).functions
  for (const [fn, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    out.push(`${ms(micros)}  ${fn}`)
  }
  process.stdout.write(out.join("\n") + "\n")
}

main()
