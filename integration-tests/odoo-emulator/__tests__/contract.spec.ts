/**
 * Contract test: replays every request recorded from the real Odoo 18 server (shared/odoo-reference
 * /samples) against the emulator over HTTP, and compares status, content type and body. Only the
 * traceback text (`error.data.debug`) and, for HTML, the host name and CSRF token may differ.
 */
import fs from "node:fs"
import path from "node:path"
import { startOdooEmulator, type OdooEmulator } from "../index"
import { findReferenceDir, recordedApiKey } from "../reference-path"

const referenceDir = findReferenceDir(__dirname)
if (!referenceDir) throw new Error(`shared/odoo-reference not found above ${__dirname}`)
const samplesDir = path.join(referenceDir, "samples")

interface SampleRow {
  file: string
  method: string
  path: string
  status: number
  contentType: string
  note: string
}

interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string>
  body?: unknown
  body_raw?: string
}

const rows: SampleRow[] = fs
  .readFileSync(path.join(samplesDir, "INDEX.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [file, method, requestPath, status, contentType, note = ""] = line.split("\t")
    return { file, method, path: requestPath, status: Number(status), contentType, note }
  })

function withoutTraceback(body: unknown): unknown {
  if (typeof body === "object" && body !== null && "error" in body) {
    const error = (body as { error: { data?: Record<string, unknown> } }).error
    if (error.data) {
      const { debug: _debug, ...data } = error.data
      return { ...body, error: { ...error, data } }
    }
  }
  return body
}

/** The 404 page names the host it was asked on and carries a fresh CSRF token. */
function normalizeHtml(html: string): string {
  return html.replace(/http:\/\/(127\.0\.0\.1|localhost)(:\d+)?/g, "http://HOST").replace(/csrf_token: "[0-9a-f]+o\d+"/, 'csrf_token: "TOKEN"')
}

describe("Odoo emulator contract: every recorded sample", () => {
  let emulator: OdooEmulator

  beforeAll(async () => {
    // The recorded requests carry the recording's key.
    emulator = await startOdooEmulator({ adminApiKey: recordedApiKey(referenceDir) })
  })

  afterAll(async () => {
    await emulator.close()
  })

  it("covers every sample of INDEX.tsv", () => {
    const requests = fs.readdirSync(samplesDir).filter((name) => name.endsWith(".request.json"))
    expect(rows.length).toBe(requests.length)
  })

  it.each(rows.map((row) => [row.file.replace(/\.(json|html)$/, ""), row] as const))("%s", async (_name, row) => {
    const base = row.file.replace(/\.(json|html)$/, "")
    const request = JSON.parse(fs.readFileSync(path.join(samplesDir, `${base}.request.json`), "utf8")) as RecordedRequest
    const body = request.body !== undefined ? JSON.stringify(request.body) : request.body_raw
    const response = await fetch(emulator.url + request.path, {
      method: request.method,
      headers: request.headers,
      body: request.method === "GET" ? undefined : body,
      redirect: "manual",
    })
    const text = await response.text()
    const recorded = fs.readFileSync(path.join(samplesDir, row.file), "utf8")

    expect(response.status).toBe(row.status)
    expect(response.headers.get("content-type")).toBe(row.contentType)
    if (row.file.endsWith(".json")) {
      const actual = JSON.parse(text) as Record<string, unknown>
      const expected = JSON.parse(recorded) as Record<string, unknown>
      expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort())
      expect(withoutTraceback(actual)).toEqual(withoutTraceback(expected))
      if ("error" in expected) {
        const debug = (actual as { error: { data: { debug: string } } }).error.data.debug
        expect(debug).toMatch(/^Traceback \(most recent call last\):/)
      }
    } else {
      expect(normalizeHtml(text)).toBe(normalizeHtml(recorded))
      if (row.status === 303) {
        expect(response.headers.get("location")).toBe(
          `/web/login?redirect=${encodeURIComponent(request.path + "?").replace(/\./g, ".")}`
        )
      }
    }
  })
})
