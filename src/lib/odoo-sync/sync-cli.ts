const SYNC_WORDS = new Set(["full", "dry-run", "allow-mass-removal", "trigger=demo"])

/**
 * `full`, `dry-run` and `allow-mass-removal` from a script's arguments (`medusa exec` passes
 * words, not flags; a leading `--` is accepted too); anything else is refused by name.
 */
export function parseSyncArgs(args: string[]): {
  full: boolean
  dryRun: boolean
  allowMassRemoval: boolean
  trigger: "cli" | "demo"
} {
  const words = args.map((arg) => arg.replace(/^--/, ""))
  // `trigger=demo`: how `npm run demo` records its run (not a user option).
  const unknown = words.filter((word) => !SYNC_WORDS.has(word))
  if (unknown.length) {
    throw new Error(
      `Unknown option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: use --full, --dry-run and/or --allow-mass-removal`
    )
  }
  return {
    full: words.includes("full"),
    dryRun: words.includes("dry-run"),
    allowMassRemoval: words.includes("allow-mass-removal"),
    trigger: words.includes("trigger=demo") ? "demo" : "cli",
  }
}
