import { isValidHandle } from "@medusajs/framework/utils"
import {
  htmlToText,
  handleOf,
  lastUrlSegment,
  stripUnsafeChars,
  truncateText,
  verbatimLine,
  verbatimText,
  withHandleSuffix,
} from "./text"

describe("htmlToText", () => {
  it("returns null for non-strings and for HTML without text", () => {
    expect(htmlToText(false)).toBeNull()
    expect(htmlToText(undefined)).toBeNull()
    expect(htmlToText(42)).toBeNull()
    expect(htmlToText("")).toBeNull()
    expect(htmlToText("<p><br></p>")).toBeNull()
  })

  it("keeps paragraph and line breaks as single newlines and collapses other whitespace", () => {
    expect(htmlToText("<p>Drawer with  two\n routing possiblities.</p>")).toBe("Drawer with two routing possiblities.")
    expect(htmlToText("<p>First</p><p>Second<br/>line</p><ul><li>a</li><li>b</li></ul>")).toBe("First\nSecond\nline\n- a\n- b")
    expect(htmlToText("<div>  A  </div>\n\n\n<div>B</div>")).toBe("A\nB")
  })

  it("keeps headings and table cells as written, and leaves link targets and images out", () => {
    expect(htmlToText("<h1>Title</h1><table><tr><th>Size</th><th>W</th></tr><tr><td>L</td><td>3</td></tr></table>")).toBe(
      "Title\nSize W\nL 3"
    )
    expect(htmlToText('<a href="https://example.com/x">Manual</a> <img src="x.png" alt="photo">')).toBe("Manual")
  })

  it("drops script and style content, also when uppercase, with attributes or unclosed", () => {
    expect(htmlToText('<p>Hi</p><script type="text/javascript">alert("x")</script><p>there</p>')).toBe("Hi\nthere")
    expect(htmlToText("<STYLE>p{color:red}</STYLE>Text")).toBe("Text")
    expect(htmlToText("Before<script>never closed")).toBe("Before")
    // As in browsers, only a real "</script" ends the element; the first one does.
    expect(htmlToText("<script>var s = '</scr' + 'ipt>'</script>After")).toBe("After")
    expect(htmlToText("<script>a='</script>';b()</script>x")).toBe("';b()x")
  })

  it("does not let quoted '>' inside attributes leak markup into the text", () => {
    expect(htmlToText('<a title="a > b" href="x">link</a> end')).toBe("link end")
    expect(htmlToText("<img alt='>' src=x>ok")).toBe("ok")
  })

  it("decodes entities exactly once, named and numeric", () => {
    expect(htmlToText("Tom &amp; Jerry &lt;3 &eacute;t&eacute; &#233;&#xE9; &euro;5&nbsp;net")).toBe("Tom & Jerry <3 été éé €5 net")
    expect(htmlToText("&amp;lt;script&amp;gt;")).toBe("&lt;script&gt;")
    expect(htmlToText("&unknown; &#0; &#xD800;")).toBe("&unknown; \uFFFD \uFFFD")
  })

  it("gives escaped tags as the text they are", () => {
    expect(htmlToText("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<script>alert(1)</script>")
  })

  it("keeps a lone '<' that is not a tag and drops comments", () => {
    expect(htmlToText("a < b and c<5 <!-- secret --> end")).toBe("a < b and c<5 end")
  })

  it("strips control characters but keeps RTL text and emoji", () => {
    expect(htmlToText("<p>\u0000שלום\u0007 עולם 👋🏽</p>")).toBe("שלום עולם 👋🏽")
  })

  it("survives hostile HTML: unclosed, deeply nested, huge, scripts everywhere", () => {
    expect(htmlToText("<p>unclosed <b>bold <i>italic")).toBe("unclosed bold italic")
    expect(htmlToText("<div>".repeat(500) + "deep" + "</div>".repeat(500))).toBe("deep")
    // Past the depth limit the text is dropped, never a stack overflow.
    expect(() => htmlToText("<div>".repeat(50_000) + "deeper")).not.toThrow()
    expect(htmlToText("<a title='".repeat(50_000) + "x")).toBeNull()
    expect(htmlToText("<p>" + "<script>x()</script>word ".repeat(20_000) + "</p>")).toBe("word ".repeat(20_000).trim())
    // Input past 2,000,000 characters is cut before parsing.
    const huge = htmlToText("<p>" + "x".repeat(3_000_000) + "</p>")
    expect(Array.from(huge ?? "")).toHaveLength(100_000)
  })

  it("gives a long document's first 100,000 characters of text, whichever part of it is converted", () => {
    const paragraphs = Array.from({ length: 60_000 }, (_, index) => `<p class="x">Line <b>${index}</b> &amp; more</p>`)
    const expected = Array.from({ length: 60_000 }, (_, index) => `Line ${index} & more`).join("\n").slice(0, 100_000).trim()
    expect(paragraphs.join("").length).toBeGreaterThan(1_500_000)
    expect(htmlToText(paragraphs.join(""))).toBe(expected)
    // Text-poor markup: the whole document is converted.
    const sparse = "<div><span></span></div>".repeat(30_000) + "<p>End</p>"
    expect(htmlToText(sparse)).toBe("End")
  })
})

describe("verbatim text", () => {
  it("verbatimLine keeps markup, tabs and spaces; removes controls, bidi overrides and lone surrogates", () => {
    expect(verbatimLine("<b>Bold</b> Name")).toBe("<b>Bold</b> Name")
    expect(verbatimLine("Cable <5 m>")).toBe("Cable <5 m>")
    expect(verbatimLine("  Desk\t\n\u0000\u001F big\u00A0 one  ")).toBe("  Desk\t big\u00A0 one  ")
    expect(verbatimLine("abc\u202Edef\u2066\u200F\u0085")).toBe("abcdef\u200F")
    expect(verbatimLine("a\uD800b\uDC00c")).toBe("abc")
    expect(verbatimLine("\u0627\u0644\u0645\u0643\u062A\u0628 👋🏽")).toBe("المكتب 👋🏽")
  })

  it("verbatimLine does not normalise: what Odoo holds is what Medusa gets", () => {
    expect(verbatimLine("e\u0301")).toBe("e\u0301")
  })

  it("truncates on grapheme boundaries, never splitting an emoji", () => {
    const family = "👨‍👩‍👧"
    expect(truncateText("ab" + family, 3)).toBe("ab")
    expect(truncateText("x".repeat(10), 4)).toBe("xxxx")
    const cut = verbatimLine("😀".repeat(300))
    expect(Array.from(cut)).toHaveLength(255)
    expect(cut).not.toMatch(/[\uD800-\uDBFF]$/)
  })

  it("verbatimText keeps the lines and spaces of Odoo Text fields, CRLF as LF", () => {
    expect(verbatimText("Line one\r\n\r\n  Line two  \n\u0000")).toBe("Line one\n\n  Line two  \n")
    expect(verbatimText("<p>not HTML here</p>")).toBe("<p>not HTML here</p>")
    expect(verbatimText("   \n ")).toBeNull()
  })

  it("stripUnsafeChars keeps line breaks only when asked", () => {
    expect(stripUnsafeChars("a\nb\tc")).toBe("ab\tc")
    expect(stripUnsafeChars("a\nb\tc", true)).toBe("a\nb\tc")
  })
})

describe("handleOf", () => {
  it("makes a handle with Medusa's toHandle, keeping the letters of every script", () => {
    expect(handleOf("Customizable Desk")).toBe("customizable-desk")
    expect(handleOf("  Crème Brûlée -- Große Straße / Øre  ")).toBe("crème-brûlée-grosse-strasse-øre")
    expect(handleOf("Men's T-Shirt (XL)")).toBe("mens-t-shirt-xl")
    expect(handleOf("Стол Дубовый")).toBe("стол-дубовый")
    expect(handleOf("Τραπέζι Δρυς")).toBe("τραπέζι-δρυς")
    expect(handleOf("مكتب خشبي")).toBe("مكتب-خشبي")
    expect(handleOf("שולחן עץ")).toBe("שולחן-עץ")
    expect(handleOf("木製の机")).toBe("木製の机")
    expect(handleOf("<b>Bold</b> Name")).toBe("bboldb-name")
  })

  it("returns an empty handle when there is no letter or digit (caller falls back)", () => {
    expect(handleOf("🪑🪑")).toBe("")
    expect(handleOf("-- / --")).toBe("")
    expect(handleOf("")).toBe("")
  })

  it("caps at 100 characters without a trailing dash or half a character", () => {
    const handle = handleOf("word ".repeat(100))
    expect(handle.length).toBeLessThanOrEqual(100)
    expect(isValidHandle(handle)).toBe(true)
    const wide = handleOf("𠀀".repeat(150))
    expect(Array.from(wide)).toHaveLength(100)
    expect(wide).not.toMatch(/[\uD800-\uDBFF]$/)
  })

  it("produces handles Medusa accepts", () => {
    for (const input of ["Ünïcödé  ünïcödé", "a_b.c", "--x--", "Ⅻ ﬁ", "ϒ Upsilon", "e\u0301t\u00e9", "Stol\u202E\u0000 x", "ǅemal"]) {
      const handle = handleOf(input)
      expect([input, isValidHandle(handle)]).toEqual([input, true])
    }
  })

  it("withHandleSuffix keeps the result within 100 characters", () => {
    expect(withHandleSuffix("desk", "9")).toBe("desk-9")
    const long = withHandleSuffix("a".repeat(100), "123456")
    expect(long).toHaveLength(100)
    expect(long.endsWith("-123456")).toBe(true)
    expect(withHandleSuffix("桌".repeat(100), "9")).toBe("桌".repeat(98) + "-9")
  })

  it("lastUrlSegment reads the slug out of website_url", () => {
    expect(lastUrlSegment("/shop/customizable-desk-9")).toBe("customizable-desk-9")
    expect(lastUrlSegment("https://shop.example.com/fr/shop/bureau-9?x=1#top")).toBe("bureau-9")
    expect(lastUrlSegment("/shop/caf%C3%A9-3/")).toBe("café-3")
    expect(lastUrlSegment("/shop/%E0%A4%A")).toBe("%E0%A4%A")
  })
})
