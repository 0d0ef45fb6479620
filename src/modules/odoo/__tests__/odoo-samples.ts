/**
 * Test helper: the request/response pairs recorded from a real Odoo 18 server, found by walking up
 * from this directory to `shared/odoo-reference` (see its README).
 */
import { readFileSync } from "fs"
import { join } from "path"
import { findReferenceDir, recordedApiKey } from "../../../../integration-tests/odoo-emulator/reference-path"

export interface OdooSample {
  file: string
  httpStatus: number
  contentType: string
  /** The raw response body. */
  body: string
  /** The recorded request (`method`, `path`, `headers`, `body`). */
  request: { method: string; path: string; body?: unknown; body_raw?: string }
}

/** Where the recordings are: `shared/odoo-reference` above this checkout. */
export function findOdooReferenceDir(start: string = __dirname): string {
  const found = findReferenceDir(start)
  if (!found) {
    throw new Error(`shared/odoo-reference not found above ${start}: the recorded Odoo samples are needed`)
  }
  return found
}

/** The API key the recordings use in place of the real one (read from them, never written here). */
export const RECORDED_API_KEY = recordedApiKey(findOdooReferenceDir())

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
