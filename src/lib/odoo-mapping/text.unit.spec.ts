import {
  cleanLine,
  cleanPlainText,
  htmlToText,
  lastUrlSegment,
  looksLikeHtml,
  slugify,
  truncateText,
  withHandleSuffix,
  withoutMarkup,
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
    expect(htmlToText("<p>First</p><p>Second<br/>line</p><ul><li>a</li><li>b</li></ul>")).toBe("First\nSecond\nline\na\nb")
    expect(htmlToText("<div>  A  </div>\n\n\n<div>B</div>")).toBe("A\nB")
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

  it("treats escaped tags as text, not markup", () => {
    expect(htmlToText("&lt;script&gt;alert(1)&lt;/script&gt;")).toBe("<script>alert(1)</script>")
  })

  it("keeps a lone '<' that is not a tag and drops comments", () => {
    expect(htmlToText("a < b and c<5 <!-- secret --> end")).toBe("a < b and c<5 end")
  })

  it("strips control characters but keeps RTL text and emoji", () => {
    expect(htmlToText("<p>\u0000שלום\u0007 עולם 👋🏽</p>")).toBe("שלום עולם 👋🏽")
  })

  it("handles a large hostile document in linear time", () => {
    const hostile = "<a title='".repeat(50_000) + "x"
    const started = process.hrtime.bigint()
    htmlToText(hostile)
    htmlToText("<p>" + "word ".repeat(200_000) + "</p>")
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2_000)
  })
})

describe("plain text and lines", () => {
  it("cleanLine flattens whitespace, strips controls and bidi overrides, keeps RTL marks", () => {
    expect(cleanLine("  Desk\t\n\u0000\u001F big\u00A0 one  ")).toBe("Desk big one")
    expect(cleanLine("abc\u202Edef\u200F")).toBe("abcdef\u200F")
    expect(cleanLine("\u0627\u0644\u0645\u0643\u062A\u0628")).toBe("المكتب")
  })

  it("cleanLine replaces lone surrogates and normalises to NFC", () => {
    expect(cleanLine("a\uD800b")).toBe("a\uFFFDb")
    expect(cleanLine("e\u0301")).toBe("\u00E9")
  })

  it("truncates on grapheme boundaries, never splitting an emoji", () => {
    const family = "👨‍👩‍👧"
    expect(truncateText("ab" + family, 3)).toBe("ab")
    expect(truncateText("x".repeat(10), 4)).toBe("xxxx")
    const cut = cleanLine("😀".repeat(300))
    expect(Array.from(cut)).toHaveLength(255)
    expect(cut).not.toMatch(/[\uD800-\uDBFF]$/)
  })

  it("cleanPlainText keeps line structure of Odoo Text fields", () => {
    expect(cleanPlainText("Line one\r\n\r\n  Line two  \n\u0000")).toBe("Line one\nLine two")
    expect(cleanPlainText("   \n ")).toBeNull()
  })

  it("looksLikeHtml tells pasted markup from plain text", () => {
    expect(looksLikeHtml("<p>Hello</p>")).toBe(true)
    expect(looksLikeHtml("Size < 10cm and > 5cm")).toBe(false)
    expect(looksLikeHtml("I <3 desks")).toBe(false)
  })
})

describe("withoutMarkup", () => {
  it("reduces markup to its text, dropping scripts and event handlers", () => {
    expect(withoutMarkup("<script>alert(1)</script>Sofa")).toBe("Sofa")
    expect(withoutMarkup('<img src=x onerror="alert(1)">Table')).toBe("Table")
    expect(withoutMarkup('<a href="javascript:alert(1)">Lamp</a> <b>Pro</b>')).toBe("Lamp Pro")
  })

  it("strips markup that decoding entities produced", () => {
    expect(htmlToText("<p>&lt;script&gt;alert(1)&lt;/script&gt;Desk</p>")).toBe("<script>alert(1)</script>Desk")
    expect(withoutMarkup("<p>&lt;script&gt;alert(1)&lt;/script&gt;Desk</p>")).toBe("Desk")
    // Decoded once, as HTML is: what was escaped twice stays escaped text.
    expect(withoutMarkup("<p>&amp;lt;b&amp;gt;x&amp;lt;/b&amp;gt;</p>")).toBe("&lt;b&gt;x&lt;/b&gt;")
  })

  it("removes a '<' that could still open a tag, and keeps every other '<'", () => {
    expect(withoutMarkup("<script src=//evil.example")).toBe("script src=//evil.example")
    expect(withoutMarkup("x <!-- y")).toBe("x")
    expect(withoutMarkup("x <!y")).toBe("x !y")
    expect(withoutMarkup("Size < 10cm, I <3 desks, a<5")).toBe("Size < 10cm, I <3 desks, a<5")
  })

  it("leaves entities in text without markup alone", () => {
    expect(withoutMarkup("&lt;script&gt; Tom &amp; Jerry")).toBe("&lt;script&gt; Tom &amp; Jerry")
  })

  it("never returns a string holding a tag", () => {
    for (const hostile of ["<scr<script>ipt>alert(1)</script>", "<<script>script>x</script>", "<SCRIPT>x</SCRIPT >y", "<svg/onload=alert(1)>z"]) {
      expect(withoutMarkup(hostile)).not.toMatch(/<[A-Za-z/!?]/)
    }
  })
})

describe("slugify", () => {
  it("lowercases, ASCII-folds and joins words with single dashes", () => {
    expect(slugify("Customizable Desk")).toBe("customizable-desk")
    expect(slugify("  Crème Brûlée -- Große Straße / Øre  ")).toBe("creme-brulee-grosse-strasse-ore")
    expect(slugify("Men's T-Shirt (XL)")).toBe("mens-t-shirt-xl")
  })

  it("returns an empty slug when nothing ASCII remains (caller falls back)", () => {
    expect(slugify("مكتب")).toBe("")
    expect(slugify("🪑🪑")).toBe("")
    expect(slugify("")).toBe("")
  })

  it("caps at 100 characters without a trailing dash", () => {
    const slug = slugify("word ".repeat(100))
    expect(slug.length).toBeLessThanOrEqual(100)
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })

  it("produces handles Medusa accepts", () => {
    for (const input of ["Ünïcödé  ünïcödé", "a_b.c", "--x--", "Ⅻ ﬁ"]) {
      const slug = slugify(input)
      expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    }
  })

  it("withHandleSuffix keeps the result within 100 characters", () => {
    expect(withHandleSuffix("desk", "9")).toBe("desk-9")
    const long = withHandleSuffix("a".repeat(100), "123456")
    expect(long).toHaveLength(100)
    expect(long.endsWith("-123456")).toBe(true)
  })

  it("lastUrlSegment reads the slug out of website_url", () => {
    expect(lastUrlSegment("/shop/customizable-desk-9")).toBe("customizable-desk-9")
    expect(lastUrlSegment("https://shop.example.com/fr/shop/bureau-9?x=1#top")).toBe("bureau-9")
    expect(lastUrlSegment("/shop/caf%C3%A9-3/")).toBe("café-3")
    expect(lastUrlSegment("/shop/%E0%A4%A")).toBe("%E0%A4%A")
  })
})
