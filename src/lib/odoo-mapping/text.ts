/**
 * Text clean-up for strings coming from Odoo: titles, option values, descriptions, slugs.
 * Everything here is total: any string in, a safe string out, no exceptions.
 */

export const MAX_TITLE_LENGTH = 255
export const MAX_DESCRIPTION_LENGTH = 100_000
export const MAX_HANDLE_LENGTH = 100
/** Longer HTML is cut before parsing so a hostile 100 MB description cannot stall a page. */
const MAX_HTML_INPUT = 2_000_000

// C0 controls except \t \n \r, DEL, C1 controls, BOM and non-characters. NUL in particular
// is rejected by PostgreSQL text columns.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF]/g
// Explicit bidi embeddings/overrides/isolates can visually spoof a title ("Trojan source");
// RTL letters and the LRM/RLM marks are kept.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Removes characters no product field should carry; keeps \t, \n, \r for the caller to handle. */
export function stripUnsafeChars(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(CONTROL_CHARS, "")
    .replace(BIDI_CONTROLS, "")
    .normalize("NFC")
}

type Segmenter = { segment(input: string): Iterable<{ segment: string }> }

function graphemeSegmenter(): Segmenter | null {
  const Ctor = (Intl as unknown as { Segmenter?: new (locale?: string, options?: { granularity: string }) => Segmenter })
    .Segmenter
  return Ctor ? new Ctor(undefined, { granularity: "grapheme" }) : null
}

/**
 * Cuts to at most `maxCodePoints` code points without splitting an emoji or a letter from its
 * combining marks (whole grapheme clusters only).
 */
export function truncateText(text: string, maxCodePoints: number): string {
  if (text.length <= maxCodePoints) {
    return text
  }
  const codePoints = Array.from(text)
  if (codePoints.length <= maxCodePoints) {
    return text
  }
  return codePoints.slice(0, graphemeCut(codePoints, maxCodePoints)).join("")
}

/** Clusters longer than this (zalgo text) may be cut inside; real ones are far shorter. */
const GRAPHEME_WINDOW = 32

/**
 * Last grapheme boundary at or before `max` (in code points). Only a small window around the cut
 * is segmented: V8's Intl.Segmenter gets very slow (quadratic) on long inputs.
 */
function graphemeCut(codePoints: string[], max: number): number {
  const segmenter = graphemeSegmenter()
  if (!segmenter) {
    return max
  }
  const start = Math.max(0, max - GRAPHEME_WINDOW)
  const window = codePoints.slice(start, max + GRAPHEME_WINDOW).join("")
  let cut = start
  for (const { segment } of segmenter.segment(window)) {
    const next = cut + Array.from(segment).length
    if (next > max) {
      break
    }
    cut = next
  }
  return cut
}

/** One-line text (title, option value): no controls, whitespace collapsed, trimmed, capped. */
export function cleanLine(text: string, maxLength: number = MAX_TITLE_LENGTH): string {
  const flat = stripUnsafeChars(text).replace(/\s+/g, " ").trim()
  return truncateText(flat, maxLength).trim()
}

/** Joins lines after trimming them, dropping empty ones: paragraphs end up separated by one \n. */
function joinLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n")
}

/** Multi-line plain text (Odoo Text fields such as description_sale). */
export function cleanPlainText(text: string, maxLength: number = MAX_DESCRIPTION_LENGTH): string | null {
  const normalised = stripUnsafeChars(text).replace(/\r\n?|[\u2028\u2029]/g, "\n")
  const joined = truncateText(joinLines(normalised), maxLength).trim()
  return joined.length > 0 ? joined : null
}

// ---------------------------------------------------------------------------------------------
// HTML → text
// ---------------------------------------------------------------------------------------------

/** Elements whose content is never text for a reader. */
const SKIPPED_CONTENT = new Set(["script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title"])
/** Elements that start a new line in the plain-text output. */
const BLOCK_ELEMENTS = new Set([
  "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
  "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
  "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
])

// HTML 4 Latin-1 entities, in code point order from U+00A0.
const LATIN1_ENTITY_NAMES = (
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 " +
  "sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc " +
  "Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve " +
  "Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute " +
  "acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde " +
  "ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml"
).split(" ")

const OTHER_ENTITIES: Record<string, number> = {
  amp: 0x26, lt: 0x3c, gt: 0x3e, quot: 0x22, apos: 0x27, OElig: 0x152, oelig: 0x153, Scaron: 0x160,
  scaron: 0x161, Yuml: 0x178, fnof: 0x192, circ: 0x2c6, tilde: 0x2dc, ensp: 0x2002, emsp: 0x2003,
  thinsp: 0x2009, zwnj: 0x200c, zwj: 0x200d, lrm: 0x200e, rlm: 0x200f, ndash: 0x2013, mdash: 0x2014,
  lsquo: 0x2018, rsquo: 0x2019, sbquo: 0x201a, ldquo: 0x201c, rdquo: 0x201d, bdquo: 0x201e,
  dagger: 0x2020, Dagger: 0x2021, bull: 0x2022, hellip: 0x2026, permil: 0x2030, prime: 0x2032,
  Prime: 0x2033, lsaquo: 0x2039, rsaquo: 0x203a, euro: 0x20ac, trade: 0x2122, larr: 0x2190,
  uarr: 0x2191, rarr: 0x2192, darr: 0x2193, harr: 0x2194,
}

const NAMED_ENTITIES: ReadonlyMap<string, number> = new Map<string, number>([
  ...LATIN1_ENTITY_NAMES.map((name, i): [string, number] => [name, 0xa0 + i]),
  ...Object.entries(OTHER_ENTITIES),
])

function codePointToString(cp: number): string {
  // Invalid or surrogate code points become U+FFFD, as browsers do.
  const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)
  return String.fromCodePoint(valid ? cp : 0xfffd)
}

/** Decodes character references once ("&amp;lt;" → "&lt;"); unknown names are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith("#x") || ref.startsWith("#X")) {
      return codePointToString(parseInt(ref.slice(2), 16))
    }
    if (ref.startsWith("#")) {
      return codePointToString(parseInt(ref.slice(1), 10))
    }
    const cp = NAMED_ENTITIES.get(ref)
    return cp === undefined ? whole : String.fromCodePoint(cp)
  })
}

interface ScannedTag {
  name: string
  closing: boolean
  /** Index just after the tag's ">" (or the end of input for an unterminated tag). */
  end: number
}

const isAsciiLetter = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c)

/** Reads a tag starting at `<`; quoted attribute values may contain ">". Linear time. */
function scanTag(html: string, start: number): ScannedTag {
  let i = start + 1
  const closing = html[i] === "/"
  if (closing) {
    i++
  }
  const nameStart = i
  while (i < html.length && /[A-Za-z0-9:-]/.test(html[i])) {
    i++
  }
  const name = html.slice(nameStart, i).toLowerCase()
  while (i < html.length) {
    const c = html[i]
    if (c === ">") {
      return { name, closing, end: i + 1 }
    }
    i++
    if (c === "=") {
      while (i < html.length && /\s/.test(html[i])) {
        i++
      }
      const quote = html[i]
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1)
        i = close === -1 ? html.length : close + 1
      }
    }
  }
  return { name, closing, end: html.length }
}

/** Index just after `</name ...>`, or the end of input when the element is never closed. */
function skipElementContent(html: string, from: number, name: string): number {
  const closer = new RegExp(`</${name}(?=[\\s/>])`, "gi")
  closer.lastIndex = from
  const match = closer.exec(html)
  return match ? scanTag(html, match.index).end : html.length
}

/** Index just after a comment, doctype or processing instruction starting at `<!`/`<?`. */
function skipMarkup(html: string, start: number): number {
  if (html.startsWith("<!--", start)) {
    const end = html.indexOf("-->", start + 4)
    return end === -1 ? html.length : end + 3
  }
  const end = html.indexOf(">", start)
  return end === -1 ? html.length : end + 1
}

function textChunk(raw: string): string {
  // Source newlines are plain whitespace in HTML; only block elements make lines.
  return decodeEntities(raw).replace(/\s+/g, " ")
}

/**
 * Odoo HTML (description fields) to plain text: tags removed (script/style content too),
 * entities decoded, whitespace collapsed, block boundaries kept as single "\n".
 * Returns null for non-strings and for HTML without text (Odoo's empty "<p><br></p>").
 */
export function htmlToText(html: unknown): string | null {
  if (typeof html !== "string") {
    return null
  }
  const input = html.length > MAX_HTML_INPUT ? html.slice(0, MAX_HTML_INPUT) : html
  const out: string[] = []
  let i = 0
  while (i < input.length) {
    const lt = input.indexOf("<", i)
    if (lt === -1) {
      out.push(textChunk(input.slice(i)))
      break
    }
    out.push(textChunk(input.slice(i, lt)))
    const next = input[lt + 1]
    if (next === "!" || next === "?") {
      i = skipMarkup(input, lt)
    } else if (isAsciiLetter(next) || (next === "/" && isAsciiLetter(input[lt + 2]))) {
      const tag = scanTag(input, lt)
      i = !tag.closing && SKIPPED_CONTENT.has(tag.name) ? skipElementContent(input, tag.end, tag.name) : tag.end
      if (BLOCK_ELEMENTS.has(tag.name)) {
        out.push("\n")
      }
    } else {
      // A lone "<" (e.g. "a < b") is text.
      out.push("<")
      i = lt + 1
    }
  }
  return cleanPlainText(out.join(""))
}

/** True when a plain-text field actually holds markup (people paste HTML into description_sale). */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?\/?>|<!--/.test(text)
}

/** A "<" that a browser would read as the start of a tag, a comment or a processing instruction. */
const TAG_START = /<(?=[A-Za-z/!?])/g

/**
 * Text for a Medusa field that a storefront may render as HTML: markup is reduced to its text
 * (script and style content dropped), again if decoding entities made new markup ("&lt;script&gt;"),
 * and a "<" that could still open a tag (an unterminated "<script") is removed. Text without
 * markup, such as "a < b" or "I <3 desks", is returned as is.
 */
export function withoutMarkup(text: string): string {
  let current = text
  for (let pass = 0; pass < 3 && looksLikeHtml(current); pass++) {
    current = htmlToText(current) ?? ""
  }
  return current.replace(TAG_START, "")
}

// ---------------------------------------------------------------------------------------------
// Slugs
// ---------------------------------------------------------------------------------------------

// Letters NFKD does not decompose into ASCII.
const ASCII_FOLDS: Record<string, string> = {
  ß: "ss", ẞ: "SS", æ: "ae", Æ: "AE", ø: "o", Ø: "O", œ: "oe", Œ: "OE", đ: "d", Đ: "D", ð: "d",
  Ð: "D", ł: "l", Ł: "L", þ: "th", Þ: "TH", ı: "i", ħ: "h", Ħ: "H", ŧ: "t", Ŧ: "T", ŋ: "n", Ŋ: "N",
}

/** Lower-cases and ASCII-folds text into a-z0-9 words joined by "-"; may return "". */
export function slugify(text: string): string {
  const folded = stripUnsafeChars(text)
    .replace(/[ßẞæÆøØœŒđĐðÐłŁþÞıħĦŧŦŋŊ]/g, (c) => ASCII_FOLDS[c] ?? c)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    // "Men's" → "mens", not "men-s"
    .replace(/['’`]/g, "")
    .toLowerCase()
  const slug = folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
  return slug.slice(0, MAX_HANDLE_LENGTH).replace(/-+$/, "")
}

/** `base` + "-" + `suffix`, cutting `base` so the whole stays within the handle limit. */
export function withHandleSuffix(base: string, suffix: string): string {
  const room = MAX_HANDLE_LENGTH - suffix.length - 1
  const head = base.slice(0, Math.max(room, 0)).replace(/-+$/, "")
  return head ? `${head}-${suffix}` : suffix
}

/** Last path segment of an Odoo website_url ("/shop/customizable-desk-9" → "customizable-desk-9"). */
export function lastUrlSegment(url: string): string {
  const path = url.replace(/[?#].*$/s, "").replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "")
  const segment = path.split("/").filter((s) => s.length > 0).pop() ?? ""
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
