/**
 * Text from Odoo for Medusa fields: titles, option values and codes as Odoo holds them, HTML
 * descriptions as text, handles. Everything here is total: any string in, a string out, no exceptions.
 *
 * Odoo's `name` (Char) and `description_sale` (Text) are plain text: they are kept as written
 * (storefronts escape text; rewriting `<b>Bold</b> Name` or `Cable <5 m>` would lose the
 * product's real name). Only characters PostgreSQL cannot store or that are invisible and
 * dangerous are removed. `description` is an Html field: it alone is converted to text.
 */
import { toHandle } from "@medusajs/framework/utils"
import { compile } from "html-to-text"

export const MAX_TITLE_LENGTH = 255
export const MAX_DESCRIPTION_LENGTH = 100_000
export const MAX_HANDLE_LENGTH = 100
/** Longer HTML is cut before parsing so a hostile 100 MB description cannot stall a page. */
const MAX_HTML_INPUT = 2_000_000

// C0 controls but tab, DEL and C1 controls: NUL is refused by PostgreSQL text columns, the others
// are invisible in a title. Line breaks are C0 too (a Char field holds none; Text fields keep them).
const CONTROLS_BUT_TAB = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g
const CONTROLS_BUT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g
// Explicit bidi embeddings/overrides/isolates can visually spoof a title ("Trojan source");
// RTL letters and the LRM/RLM marks are kept.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g
// Half of a UTF-16 pair: not a character, and PostgreSQL refuses it in UTF-8.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Removes what no product field should carry: controls (all but tab, and "\n" when
 * `keepLineBreaks`), bidi overrides, lone surrogates.
 */
export function stripUnsafeChars(text: string, keepLineBreaks = false): string {
  return text
    .replace(LONE_SURROGATE, "")
    .replace(keepLineBreaks ? CONTROLS_BUT_TAB_AND_NEWLINE : CONTROLS_BUT_TAB, "")
    .replace(BIDI_CONTROLS, "")
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

/**
 * A title, option value or code as Odoo holds it: unsafe characters removed (see
 * stripUnsafeChars), capped at `maxLength` code points; spaces, tabs and markup-like text kept.
 */
export function verbatimLine(text: string, maxLength: number = MAX_TITLE_LENGTH): string {
  return truncateText(stripUnsafeChars(text), maxLength)
}

/** True when the text has something besides whitespace (a name of spaces is no name). */
export function hasVisibleText(text: string): boolean {
  return /\S/.test(text)
}

/**
 * An Odoo Text field (description_sale) as written: line breaks (CRLF and CR as \n) and tabs
 * kept, unsafe characters removed, capped; null when it holds only whitespace.
 */
export function verbatimText(text: string, maxLength: number = MAX_DESCRIPTION_LENGTH): string | null {
  const capped = truncateText(stripUnsafeChars(text.replace(/\r\n?/g, "\n"), true), maxLength)
  return hasVisibleText(capped) ? capped : null
}

/** Joins lines after trimming them, dropping empty ones: paragraphs end up separated by one \n. */
function joinLines(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n")
}

// ---------------------------------------------------------------------------------------------
// HTML → text
// ---------------------------------------------------------------------------------------------

/** Elements whose content is never text for a reader. */
const SKIPPED_ELEMENTS = ["script", "style", "noscript", "template", "iframe", "object", "svg", "head", "title", "img"]
const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]

/**
 * html-to-text (htmlparser2 underneath, entities decoded by the `entities` package) rather than
 * a parser of our own: it is made for turning e-mail and CMS HTML into readable text, parses
 * broken markup the forgiving way browsers do, and bounds depth and size (`limits`). Options:
 * no wrapping, no link targets or images in the text, headings and table headers as written.
 */
const convertHtml = compile({
  wordwrap: false,
  decodeEntities: true,
  limits: { maxInputLength: MAX_HTML_INPUT, maxDepth: 1000, ellipsis: "" },
  selectors: [
    { selector: "a", options: { ignoreHref: true } },
    { selector: "ul", options: { itemPrefix: "- " } },
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    ...HEADINGS.map((selector) => ({ selector, options: { uppercase: false } })),
    ...SKIPPED_ELEMENTS.map((selector) => ({ selector, format: "skip" })),
  ],
})

/** Text of the HTML, line by line: whitespace collapsed, empty lines dropped, unsafe characters removed. */
function htmlLines(html: string): string {
  return joinLines(stripUnsafeChars(convertHtml(html), true))
}

/** Text past the cap that makes a prefix's conversion trustworthy up to the cap (see htmlToText). */
const PREFIX_MARGIN = 10_000

/**
 * Odoo HTML (the `description` field) to plain text: tags removed (script and style content
 * too), entities decoded once, whitespace collapsed, block boundaries kept as single "\n",
 * unsafe characters removed, capped. Returns null for non-strings and for HTML without text
 * (Odoo's empty "<p><br></p>").
 *
 * Only MAX_DESCRIPTION_LENGTH characters of text are kept, so a long document is converted from
 * a prefix first: when that gives well more text than the cap, the rest could only add text past
 * the cap (an element cut at the prefix's end changes only the end of the text). Otherwise the
 * whole document (at most MAX_HTML_INPUT characters) is converted.
 */
export function htmlToText(html: unknown): string | null {
  if (typeof html !== "string") {
    return null
  }
  // Cut here rather than by the library, which warns on the console when it cuts.
  const input = html.length > MAX_HTML_INPUT ? html.slice(0, MAX_HTML_INPUT) : html
  const prefixLength = 4 * MAX_DESCRIPTION_LENGTH
  const fromPrefix = input.length > prefixLength ? htmlLines(input.slice(0, prefixLength)) : null
  const text =
    fromPrefix !== null && fromPrefix.length > MAX_DESCRIPTION_LENGTH + PREFIX_MARGIN ? fromPrefix : htmlLines(input)
  const capped = truncateText(text, MAX_DESCRIPTION_LENGTH).trim()
  return capped.length > 0 ? capped : null
}

// ---------------------------------------------------------------------------------------------
// Handles
// ---------------------------------------------------------------------------------------------

/** Cuts to `max` code points (never half a surrogate pair) without a trailing hyphen. */
function capHandle(handle: string, max: number): string {
  return Array.from(handle).slice(0, Math.max(max, 0)).join("").replace(/-+$/, "")
}

/**
 * A product handle from text with Medusa's own `toHandle`, which keeps the letters of every
 * script ("Стол Дуб" → "стол-дуб", "桌子" → "桌子"), capped at MAX_HANDLE_LENGTH. "" when the
 * text has no letter or digit (toHandle would then make up a random handle; the caller falls
 * back to `product-<id>`). Letters toHandle keeps but Medusa's `isValidHandle` refuses (an
 * uppercase letter without a lowercase form) are dropped, so every handle is accepted.
 */
export function handleOf(text: string): string {
  const cleaned = stripUnsafeChars(text).normalize("NFC")
  if (!/[\p{L}\p{N}]/u.test(cleaned)) {
    return ""
  }
  const handle = toHandle(cleaned)
    .replace(/[^\p{Ll}\p{Lo}\p{Lm}\p{N}-]/gu, "")
    .replace(/-+/g, "-")
    .replace(/^-/, "")
  return capHandle(handle, MAX_HANDLE_LENGTH)
}

/** `base` + "-" + `suffix`, cutting `base` so the whole stays within the handle limit. */
export function withHandleSuffix(base: string, suffix: string): string {
  const head = capHandle(base, MAX_HANDLE_LENGTH - Array.from(suffix).length - 1)
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
