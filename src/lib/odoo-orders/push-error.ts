/** Any failure of a push as a small JSON record for the push's last_error (no traceback, no secrets). */

export interface PushErrorRecord {
  name: string
  message: string
  [key: string]: unknown
}

const MAX_MESSAGE = 2000

export function describePushError(error: unknown): PushErrorRecord {
  if (error !== null && typeof error === "object") {
    const withJson = error as { toJSON?: () => unknown }
    const json = typeof withJson.toJSON === "function" ? withJson.toJSON() : undefined
    const source = (json !== null && typeof json === "object" ? json : error) as Record<string, unknown>
    const name = typeof source.name === "string" ? source.name : error instanceof Error ? error.name : "Error"
    const message = typeof source.message === "string" ? source.message : error instanceof Error ? error.message : String(error)
    const record: PushErrorRecord = { name, message: message.slice(0, MAX_MESSAGE) }
    for (const key of ["kind", "model", "method", "odooName", "retryable", "outcomeUnknown", "problems"]) {
      if (source[key] !== undefined) record[key] = source[key]
    }
    return record
  }
  return { name: "Error", message: String(error).slice(0, MAX_MESSAGE) }
}
