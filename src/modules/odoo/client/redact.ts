/**
 * Secret redaction. Odoo echoes request arguments in some error messages and tracebacks, so every
 * string that comes from Odoo or the network goes through a redactor before it is stored.
 */

export const REDACTED = "[redacted]"

export type Redactor = (text: string) => string

/** Below this length a base64 fragment would match ordinary text too often to be worth redacting. */
const MIN_FRAGMENT_LENGTH = 8

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, "-").replace(/\//g, "_")
}

/**
 * The base64 text that encodes `secret` wherever it sits inside a longer base64 stream: one
 * fragment per byte alignment (0, 1 or 2 bytes before it), keeping only characters that depend on
 * the secret's bytes alone.
 */
function base64Fragments(secret: string): string[] {
  const secretBytes = Buffer.from(secret, "utf8")
  const fragments: string[] = []
  for (let prefixLength = 0; prefixLength < 3; prefixLength++) {
    const padded = Buffer.concat([Buffer.alloc(prefixLength), secretBytes])
    const encoded = padded.toString("base64").replace(/=+$/, "")
    const firstOwnChar = Math.ceil((prefixLength * 8) / 6)
    const endsMidGroup = padded.length % 3 !== 0
    const fragment = encoded.slice(firstOwnChar, endsMidGroup ? -1 : undefined)
    if (fragment.length >= MIN_FRAGMENT_LENGTH) {
      fragments.push(fragment, toBase64Url(fragment))
    }
  }
  // Also the complete, padded encoding (prefix-free), as a header or a body would carry it.
  const whole = secretBytes.toString("base64")
  const unpadded = whole.replace(/=+$/, "")
  fragments.push(whole, toBase64Url(whole), unpadded, toBase64Url(unpadded))
  return fragments
}

/** Every form in which a secret may come back: as is, URL-encoded, JSON-escaped and base64. */
export function secretForms(secret: string): string[] {
  if (secret.length === 0) return []
  const urlEncoded = encodeURIComponent(secret)
  const forms = new Set<string>([
    secret,
    urlEncoded,
    urlEncoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    encodeURIComponent(urlEncoded),
    JSON.stringify(secret).slice(1, -1),
    ...base64Fragments(secret),
  ])
  // Longest first, so that a form containing another one is replaced whole.
  return [...forms].filter((form) => form.length > 0).sort((a, b) => b.length - a.length)
}

/** A redactor that replaces every form of every given secret with `[redacted]`. */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const forms = [
    ...new Set(secrets.flatMap((secret) => (secret ? secretForms(secret) : []))),
  ].sort((a, b) => b.length - a.length)
  if (forms.length === 0) return (text) => text
  return (text) => forms.reduce((redacted, form) => redacted.split(form).join(REDACTED), text)
}

/** Applies a redactor to every string inside a JSON-like value (arrays and plain objects). */
export function redactDeep(value: unknown, redact: Redactor): unknown {
  if (typeof value === "string") return redact(value)
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact))
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redact(key), redactDeep(item, redact)])
    )
  }
  return value
}
