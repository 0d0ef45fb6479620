/**
 * `full` and `dry-run` from a script's arguments (`medusa exec` passes words, not flags; a
 * leading `--` is accepted too); anything else is refused by name.
 */
export function parseSyncArgs(args: string[]): { full: boolean; dryRun: boolean; trigger: "cli" | "demo" } {
  const words = args.map((arg) => arg.replace(/^--/, ""))
  // `trigger=demo`: how `npm run demo` records its run (not a user option).
  const unknown = words.filter((word) => word !== "full" && word !== "dry-run" && word !== "trigger=demo")
  if (unknown.length) {
    throw new Error(`Unknown option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: use --full and/or --dry-run`)
  }
  return { full: words.includes("full"), dryRun: words.includes("dry-run"), trigger: words.includes("trigger=demo") ? "demo" : "cli" }
}
