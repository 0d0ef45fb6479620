/**
 * Builds `odoo18-fields.json`, the emulator's model definitions: what `fields_get` answers on the
 * recorded Odoo 18 server (product, stock, sale_management, website_sale installed).
 *
 * Sources, in order of precedence: the full `fields_get` of product.template (sample 06b), the
 * attribute-filtered `fields_get` of product.product (sample 06c), then the `fields` section of the
 * demo fixture for every other model. This is model metadata (what a real server derives from its
 * Python classes), not recorded answers: values are always computed from the store.
 *
 * Run: npx ts-node --transpile-only integration-tests/odoo-emulator/schema/build-schema.ts
 */
import fs from "node:fs"
import path from "node:path"
import { findReferenceDir } from "../reference-path"

type FieldsDescription = Record<string, Record<string, unknown>>

function resultOf(file: string): FieldsDescription {
  const body = JSON.parse(fs.readFileSync(file, "utf8")) as { result: FieldsDescription }
  return body.result
}

const reference = findReferenceDir(__dirname)
if (!reference) {
  throw new Error("shared/odoo-reference not found above " + __dirname)
}
const samples = path.join(reference, "samples")
const fixture = JSON.parse(
  fs.readFileSync(path.join(reference, "fixtures", "odoo18-demo.json"), "utf8")
) as { models: Record<string, { fields: FieldsDescription }> }

const schema: Record<string, FieldsDescription> = {
  "product.template": resultOf(path.join(samples, "06b_fields_get_product_template_full.json")),
  "product.product": resultOf(path.join(samples, "06c_fields_get_product_product_attrs.json")),
}
for (const [model, { fields }] of Object.entries(fixture.models)) {
  const known = (schema[model] ??= {})
  for (const [name, description] of Object.entries(fields)) {
    // The richer description wins; the fixture adds `store`, which 06c does not carry.
    known[name] = { ...description, ...known[name] }
  }
}
fs.writeFileSync(path.join(__dirname, "odoo18-fields.json"), JSON.stringify(schema) + "\n")
process.stdout.write(`wrote ${Object.keys(schema).length} models\n`)
