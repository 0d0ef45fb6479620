/**
 * The bench's own view of Odoo, through its own OdooClient (not the sync's, so none of these
 * calls is counted): the catalog mapped once up front for the ceiling, and the changes of
 * steps 4 and 5 made over JSON-RPC the way an Odoo user would make them.
 */
import type { CreateProductWorkflowInputDTO } from "@medusajs/framework/types"
import {
  mapCatalogPage,
  planPage,
  toCreateProductInput,
  type MappedProduct,
  type MappingContext,
} from "../../src/lib/odoo-mapping"
import {
  type CatalogShape,
  listSyncedTemplateIds,
  readCatalogPage,
  readCatalogShape,
  readCurrencies,
} from "../../src/lib/odoo-sync/catalog-reader"
import { buildCurrencyContext, chunk } from "../../src/lib/odoo-sync/plan-run"
import { OdooClient } from "../../src/modules/odoo/client"

export type OdooConnection = { url: string; db: string; login: string; apiKey: string }

export function benchClient(connection: OdooConnection): OdooClient {
  return new OdooClient({
    url: connection.url,
    dbName: connection.db,
    username: connection.login,
    apiKey: connection.apiKey,
    timeoutMs: 120_000,
  })
}

/** Every template the sync would write, mapped, in template id order. */
export async function readMappedCatalog(
  client: OdooClient,
  storeCurrencyCodes: string[],
  batchSize: number
): Promise<{ templateIds: number[]; products: MappedProduct[]; shape: CatalogShape; context: MappingContext }> {
  const [shape, templateIds, currencies] = await Promise.all([
    readCatalogShape(client),
    listSyncedTemplateIds(client, []),
    readCurrencies(client, storeCurrencyCodes),
  ])
  const context = {
    ...buildCurrencyContext(currencies, storeCurrencyCodes),
    websiteSale: shape.websiteSale,
  }
  const products: MappedProduct[] = []
  for (const page of chunk(templateIds, batchSize)) {
    products.push(...mapCatalogPage(await readCatalogPage(client, page, shape), context).products)
  }
  return { templateIds, products, shape, context }
}

/**
 * The createProductsWorkflow inputs the sync itself would send into an empty Medusa: handle and
 * SKU/barcode clashes resolved as its page plan resolves them, in batches of `batchSize`.
 */
export function ceilingInputs(
  products: MappedProduct[],
  batchSize: number,
  context: { salesChannelId?: string; shippingProfileId?: string; syncedAt: string }
): CreateProductWorkflowInputDTO[][] {
  const plan = planPage(products, [], { skus: new Map(), barcodes: new Map(), handles: new Map() })
  return chunk(
    plan.create.map((product) => toCreateProductInput(product, context)),
    batchSize
  )
}

/** `count` template ids spread evenly over `ids`, starting at `offset` within each stride. */
export function spreadPick(ids: number[], count: number, offset: number): number[] {
  const stride = Math.max(1, Math.floor(ids.length / Math.max(1, count)))
  const picked: number[] = []
  for (let index = offset % stride; index < ids.length && picked.length < count; index += stride) {
    picked.push(ids[index])
  }
  return picked
}

/** A template's structure: its options with their value counts, and its variant count. */
export function structureOf(product: MappedProduct): string {
  return JSON.stringify([product.options.map((option) => [option.title, option.values.length]), product.variants.length])
}

/**
 * For each of `templateIds`, another template of the same structure (see structureOf; template
 * id → structure in `structures`), none of them in `exclude`: the same change on the twins
 * costs the same to write.
 */
export function structuralTwins(structures: Map<number, string>, templateIds: number[], exclude: Set<number>): number[] {
  const used = new Set([...exclude, ...templateIds])
  const candidates = [...structures.keys()]
  return templateIds.flatMap((id) => {
    const wanted = structures.get(id)
    const twin =
      candidates.find((candidate) => !used.has(candidate) && structures.get(candidate) === wanted) ??
      candidates.find((candidate) => !used.has(candidate))
    if (twin === undefined) return []
    used.add(twin)
    return [twin]
  })
}

/**
 * Step 4's change, as an Odoo user makes it: each template gets a new name and price, and one
 * new attribute value on its first line that creates variants (a new product.attribute.value,
 * then the line's value_ids [[4, id]]), which makes Odoo create the new variants.
 */
export async function changeTemplates(client: OdooClient, templateIds: number[]): Promise<{ newValues: number }> {
  const templates = await client.read("product.template", templateIds, { fields: ["name", "list_price"] })
  for (const template of templates) {
    await client.write("product.template", [template.id], {
      name: `${String(template.name)} (rev. bench)`,
      list_price: Math.round((Number(template.list_price) + 1.5) * 100) / 100,
    })
  }
  const lines = await client.searchRead("product.template.attribute.line", {
    domain: [["product_tmpl_id", "in", templateIds]],
    fields: ["product_tmpl_id", "attribute_id"],
    order: "id asc",
  })
  const attributeIds = [...new Set(lines.map((line) => (line.attribute_id as [number, string])[0]))]
  const attributes = attributeIds.length
    ? await client.read("product.attribute", attributeIds, { fields: ["create_variant"] })
    : []
  const createsVariants = new Set(attributes.filter((a) => a.create_variant === "always").map((a) => a.id))
  let newValues = 0
  const done = new Set<number>()
  for (const line of lines) {
    const templateId = (line.product_tmpl_id as [number, string])[0]
    const attributeId = (line.attribute_id as [number, string])[0]
    if (done.has(templateId) || !createsVariants.has(attributeId)) continue
    done.add(templateId)
    const valueId = await client.create("product.attribute.value", {
      name: `Bench ${templateId}`,
      attribute_id: attributeId,
    })
    await client.write("product.template.attribute.line", [line.id], { value_ids: [[4, valueId]] })
    newValues += 1
  }
  return { newValues }
}

/** Step 5's change: the templates are archived in Odoo (their variants with them). */
export async function archiveTemplates(client: OdooClient, templateIds: number[]): Promise<void> {
  await client.write("product.template", templateIds, { active: false })
}
