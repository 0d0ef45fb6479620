/**
 * How long one template with a 2 MB HTML description takes to map (html-to-text underneath).
 * Not part of `npm test` (speed is measured, never asserted):
 *   npx ts-node --transpile-only bench/html-description.ts [--runs 7] [--megabytes 2]
 */
import { mapCatalogPage } from "../src/lib/odoo-mapping"

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`)
  const value = at === -1 ? NaN : Number(process.argv[at + 1])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const runs = option("runs", 7)
const bytes = option("megabytes", 2) * 1_000_000
// Odoo editor output: paragraphs, inline markup, links, lists, a table, an inline script.
const chunk =
  "<p>Solid <b>oak</b> &amp; <i>steel</i>, <a href='/shop/desk'>see the range</a></p>" +
  "<ul><li>Width 120&nbsp;cm</li><li>Depth 60&nbsp;cm</li></ul>" +
  "<table><tr><th>Size</th><td>L</td></tr></table><script>track()</script>\n"
const description = chunk.repeat(Math.ceil(bytes / chunk.length))

const page = {
  templates: [
    { id: 1, name: "Desk", active: true, sale_ok: true, list_price: 10, description, description_sale: false },
  ],
  variants: [
    { id: 10, product_tmpl_id: [1, "Desk"], active: true, default_code: false, barcode: false, lst_price: 10, weight: 0, product_template_attribute_value_ids: [] },
  ],
  attributeLines: [],
  templateAttributeValues: [],
  attributes: [],
}
const context = { companyCurrency: { code: "usd", rounding: 0.01 }, otherCurrencies: [], websiteSale: false }

const times: number[] = []
let length = 0
for (let run = 0; run < runs; run++) {
  const started = process.hrtime.bigint()
  const mapped = mapCatalogPage(page, context)
  times.push(Number(process.hrtime.bigint() - started) / 1e6)
  if (mapped.products.length !== 1) {
    throw new Error(`the template did not map: ${JSON.stringify(mapped.skipped)}`)
  }
  length = mapped.products[0].description?.length ?? 0
}
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]
process.stdout.write(
  `${(description.length / 1e6).toFixed(2)} MB HTML description → ${length} characters of text; ` +
    `map time over ${runs} runs: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms\n`
)
