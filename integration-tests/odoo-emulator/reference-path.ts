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

/**
 * The API key the recordings were made with (the recorder's placeholder for the real key), read
 * from the recorded login so that no key is written in this repository.
 */
export function recordedApiKey(referenceDir: string): string {
  const login = JSON.parse(fs.readFileSync(path.join(referenceDir, "samples", "02_authenticate_ok.request.json"), "utf8")) as {
    body?: { params?: { args?: unknown[] } }
  }
  const key = login.body?.params?.args?.[2]
  if (typeof key !== "string") {
    throw new Error(`no API key in ${referenceDir}/samples/02_authenticate_ok.request.json`)
  }
  return key
}
