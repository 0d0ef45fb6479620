import fs from "node:fs"
import path from "node:path"

/**
 * Finds `shared/odoo-reference` by walking up from `startDir`: the repository is cloned somewhere
 * with `shared/` beside it (here /work/main and /work/shared), so neither a fixed depth nor the
 * current working directory can be trusted.
 */
export function findReferenceDir(startDir: string): string | undefined {
  let dir = path.resolve(startDir)
  for (;;) {
    for (const candidate of [path.join(dir, "shared", "odoo-reference"), path.join(dir, "odoo-reference")]) {
      if (fs.existsSync(path.join(candidate, "README.md"))) {
        return candidate
      }
    }
    const parent = path.dirname(dir)
    if (parent === dir) {
      return undefined
    }
    dir = parent
  }
}

/** The demo fixture shipped with the reference recordings, if it can be found. */
export function defaultFixturePath(startDir: string = __dirname): string | undefined {
  const reference = findReferenceDir(startDir) ?? findReferenceDir(process.cwd())
  return reference ? path.join(reference, "fixtures", "odoo18-demo.json") : undefined
}
