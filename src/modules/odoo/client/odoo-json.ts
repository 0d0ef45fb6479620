/**
 * Odoo's JSON. Python's json module writes the floats NaN, inf and -inf as the bare words NaN,
 * Infinity and -Infinity, which JSON.parse refuses. PostgreSQL float and numeric columns can hold
 * them, so one such value in a product would make every read of its page fail, run after run.
 * They are read as null instead: the record then fails the sync's checks and is reported, and the
 * rest of the page is synced.
 */

const NON_FINITE = ["-Infinity", "Infinity", "NaN"] as const

/** The bare NaN / Infinity / -Infinity words outside strings, replaced by null. */
export function replaceNonFiniteNumbers(text: string): string {
  let out = ""
  let copiedUpTo = 0
  let i = 0
  while (i < text.length) {
    const c = text[i]
    if (c === '"') {
      // Skip the string, escapes included.
      i++
      while (i < text.length && text[i] !== '"') {
        i += text[i] === "\\" ? 2 : 1
      }
      i++
      continue
    }
    const word = c === "N" || c === "I" || c === "-" ? NON_FINITE.find((candidate) => text.startsWith(candidate, i)) : undefined
    if (word) {
      out += `${text.slice(copiedUpTo, i)}null`
      i += word.length
      copiedUpTo = i
      continue
    }
    i++
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo)
}

/** JSON.parse, also accepting Python's NaN / Infinity / -Infinity (read as null). */
export function parseOdooJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const replaced = replaceNonFiniteNumbers(text)
    if (replaced === text) {
      throw error
    }
    return JSON.parse(replaced) as unknown
  }
}
