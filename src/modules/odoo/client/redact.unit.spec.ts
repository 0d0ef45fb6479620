import { newApiKey } from "../../../../integration-tests/odoo-emulator/users"
import { createRedactor, REDACTED, redactDeep, secretForms } from "./redact"

const KEY = newApiKey()

describe("createRedactor", () => {
  const redact = createRedactor([KEY])

  it("redacts the key as is, URL-encoded and JSON-escaped", () => {
    const odd = 'k3y/with+odd"chars\\&=:'
    const redactOdd = createRedactor([odd])
    expect(redactOdd(`a ${odd} b`)).toBe(`a ${REDACTED} b`)
    expect(redactOdd(`?key=${encodeURIComponent(odd)}`)).toBe(`?key=${REDACTED}`)
    expect(redactOdd(`?key=${encodeURIComponent(odd).toLowerCase()}`)).not.toContain("k3y")
    expect(redactOdd(JSON.stringify({ key: odd }))).toBe(`{"key":"${REDACTED}"}`)
  })

  it("redacts the key's base64 forms, alone or inside a longer base64 text", () => {
    expect(redact(Buffer.from(KEY).toString("base64"))).toBe(REDACTED)
    expect(redact(Buffer.from(KEY).toString("base64url"))).toBe(REDACTED)
    for (const prefix of ["", "a", "ab", "abc", "admin:"]) {
      for (const suffix of ["", "x", "xy", "xyz"]) {
        const encoded = Buffer.from(`${prefix}${KEY}${suffix}`).toString("base64")
        const redacted = redact(`Authorization: Basic ${encoded}`)
        expect(redacted).toContain(REDACTED)
        // What is left cannot be decoded back into the key.
        expect(Buffer.from(redacted.replace(REDACTED, ""), "base64").toString("latin1")).not.toContain(KEY)
      }
    }
  })

  it("redacts an Odoo message that echoes the arguments", () => {
    const message = `Invalid leaf ('odoo_medusa', 2, '${KEY}', 'product.template')`
    expect(redact(message)).toBe(`Invalid leaf ('odoo_medusa', 2, '${REDACTED}', 'product.template')`)
  })

  it("leaves other text alone, and redacts nothing without a secret", () => {
    expect(redact("Access Denied")).toBe("Access Denied")
    expect(createRedactor([undefined, ""])(KEY)).toBe(KEY)
  })

  it("does not treat short base64 fragments as secrets", () => {
    expect(secretForms("ab").every((form) => form.length >= 2)).toBe(true)
    expect(createRedactor(["ab"])("YW is fine")).toBe("YW is fine")
  })
})

describe("redactDeep", () => {
  it("redacts strings inside arrays and objects, keys included", () => {
    const redact = createRedactor([KEY])
    expect(redactDeep({ args: ["db", 2, KEY, { [KEY]: [KEY] }], n: 1, f: false }, redact)).toEqual({
      args: ["db", 2, REDACTED, { [REDACTED]: [REDACTED] }],
      n: 1,
      f: false,
    })
  })
})
