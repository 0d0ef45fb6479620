/**
 * Test helper: the request/response pairs recorded from a real Odoo 18 server, found by walking up
 * from this directory to `shared/odoo-reference` (see its README).
 */
import { existsSync, readFileSync } from "fs"
import { dirname, join } from "path"

export interface OdooSample {
  file: string
  httpStatus: number
  contentType: string
  /** The raw response body. */
  body: string
  /** The recorded request (`method`, `path`, `headers`, `body`). */
  request: { method: string; path: string; body?: unknown; body_raw?: string }
}

/** The API key the recordings use in place of the real one. */
export const RECORDED_API_KEY = "fake0api0key0for0contract0tests000000000"

export function findOdooReferenceDir(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, "shared", "odoo-reference")
    if (existsSync(join(candidate, "samples", "INDEX.tsv"))) return candidate
    if (dirname(dir) === dir) {
      throw new Error(`shared/odoo-reference not found above ${start}: the recorded Odoo samples are needed`)
    }
  }
}

export function loadOdooSamples(): OdooSample[] {
  const samplesDir = join(findOdooReferenceDir(), "samples")
  const [, ...rows] = readFileSync(join(samplesDir, "INDEX.tsv"), "utf8").trim().split("\n")
  return rows.map((row) => {
    const [file, , , status, contentType] = row.split("\t")
    const requestFile = join(samplesDir, file.replace(/\.(json|html)$/, ".request.json"))
    return {
      file,
      httpStatus: Number(status),
      contentType,
      body: readFileSync(join(samplesDir, file), "utf8"),
      request: JSON.parse(readFileSync(requestFile, "utf8")) as OdooSample["request"],
    }
  })
}

export function loadOdooSample(file: string): OdooSample {
  const sample = loadOdooSamples().find((candidate) => candidate.file === file)
  if (!sample) throw new Error(`no recorded Odoo sample ${file}`)
  return sample
}
