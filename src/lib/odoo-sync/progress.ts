/** A one-line progress bar for a terminal, e.g. `[#####-----] 3/6 pages, 300 products`. */
export function renderProgressBar(done: number, total: number, products: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 1
  const filled = Math.round(ratio * width)
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} pages, ${products} products`
}

/** `--full` and `--dry-run` from a script's arguments; anything else is refused by name. */
export function parseSyncArgs(args: string[]): { full: boolean; dryRun: boolean } {
  const known = new Set(["--full", "--dry-run"])
  const unknown = args.filter((arg) => !known.has(arg))
  if (unknown.length) {
    throw new Error(`Unknown option${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: use --full and/or --dry-run`)
  }
  return { full: args.includes("--full"), dryRun: args.includes("--dry-run") }
}
