/**
 * The v2 recordings of a real Odoo 18 (shared/odoo-reference/v2): where they are, their index,
 * and a recorded request sent again to an emulator. Shared by the v2 contract specs.
 */
import fs from "node:fs"
import path from "node:path"
import type { OdooEmulator } from "../index"
import { findReferenceDir, recordedApiKey } from "../reference-path"

const referenceDir = findReferenceDir(__dirname)
if (!referenceDir) throw new Error(`shared/odoo-reference not found above ${__dirname}`)
const v2Dir = path.join(referenceDir, "v2")
const samplesDir = path.join(v2Dir, "samples")

/** What a fresh emulator needs to answer as the recorded server: the v2 fixture and the recorded key. */
export const V2_EMULATOR_OPTIONS = { fixture: path.join(v2Dir, "fixture.json"), adminApiKey: recordedApiKey(referenceDir) }

export interface SampleRow {
  file: string
  status: number
  contentType: string
}

/** INDEX.tsv's rows whose file name passes `keep`, in file-name order (the recording's order). */
export function v2SampleRows(keep: (file: string) => boolean): SampleRow[] {
  return fs
    .readFileSync(path.join(samplesDir, "INDEX.tsv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const [file, , , status, contentType] = line.split("\t")
      return { file, status: Number(status), contentType }
    })
    .filter((row) => keep(row.file))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

/** The recorded response body of sample `name` (without `.json`). */
export function recordedBody<T = unknown>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(samplesDir, `${name}.json`), "utf8")) as T
}

/** Sends sample `name`'s recorded request to the emulator as it was sent to Odoo. */
export function sendRecordedRequest(emulator: OdooEmulator, name: string): Promise<Response> {
  const request = JSON.parse(fs.readFileSync(path.join(samplesDir, `${name}.request.json`), "utf8")) as {
    method: string
    path: string
    headers: Record<string, string>
    body: unknown
  }
  return fetch(emulator.url + request.path, { method: request.method, headers: request.headers, body: JSON.stringify(request.body) })
}
