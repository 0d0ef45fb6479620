/**
 * Images and their attachments, as Odoo 18 stores them (v2 samples 52–54):
 * - a binary field with `attachment=True` (a template's `image_1920`, a variant's
 *   `image_variant_1920`, a `product.image`'s `image_1920`) is kept as an `ir.attachment` with
 *   `res_model`, `res_id`, `res_field`, `checksum` (sha1 of the bytes), `file_size`, `mimetype`;
 *   writing the field replaces it, clearing it or deleting the record deletes it;
 * - `ir.attachment` searches leave such field attachments out unless the domain names `res_field`
 *   (or `id`), as `ir.attachment._search` does;
 * - `product.image` (website_sale's extra images), ordered by sequence then id;
 * - a variant's `image_1920` written lands on the template or the variant as Odoo's
 *   `_set_template_field` decides.
 * The demo fixture exports `image_128` only: it stands in for the original, except where the
 * recordings show the original (template 9) or its attachment (templates 5, 6).
 */
import { createHash } from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import type { DomainInput } from "./domain"
import type { AccessOperation, Env, ExtraField, ModelSpec } from "./store"
import type { JsonValue, RawRecord } from "./types"
import { GROUPS } from "./users"

const T = "product.template"
const P = "product.product"
const IMAGE = "product.image"
const ATTACHMENT = "ir.attachment"

/** The binary fields kept as attachments, per model. */
export const ATTACHED_FIELDS: Record<string, string[]> = {
  [T]: ["image_1920"],
  [P]: ["image_variant_1920"],
  [IMAGE]: ["image_1920"],
}

const SIZES = ["image_1024", "image_512", "image_256", "image_128"]

const field = (name: string, type: ExtraField["type"], string: string, options: Partial<ExtraField> = {}): ExtraField => ({
  name,
  type,
  string,
  ...options,
})
const LOG_FIELDS: ExtraField[] = [
  field("create_uid", "many2one", "Created by", { relation: "res.users", readonly: true }),
  field("create_date", "datetime", "Created on", { readonly: true }),
  field("write_uid", "many2one", "Last Updated by", { relation: "res.users", readonly: true }),
  field("write_date", "datetime", "Last Updated on", { readonly: true }),
]
const PRODUCT_MANAGERS = [GROUPS.productCreation, GROUPS.stockManager, GROUPS.accountManager, GROUPS.saleManager]
const access = (read: string[], write: string[]): Record<AccessOperation, string[]> => ({ read, write, create: write, unlink: write })

/** The content type Odoo's `guess_mimetype` gives from the first bytes. */
export function guessMimetype(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg"
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png"
  if (bytes.subarray(0, 6).toString("latin1") === "GIF87a" || bytes.subarray(0, 6).toString("latin1") === "GIF89a") return "image/gif"
  if (bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp"
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(bytes.subarray(0, 1024).toString("utf8"))) return "image/svg+xml"
  return "application/octet-stream"
}

const asBase64 = (value: JsonValue | undefined): string | false => (typeof value === "string" && value.length > 0 ? value : false)

/** Creates, replaces or deletes the attachment behind one binary field of one record. */
function storeAttachment(env: Env, model: string, record: RawRecord, fieldName: string, fixed?: Partial<RawRecord>): void {
  const table = env.table(ATTACHMENT)
  const existingId = [...table.referencing("res_id", record.id)].find((id) => {
    const attachment = table.records.get(id)
    return attachment?.res_model === model && attachment.res_field === fieldName
  })
  const value = asBase64(record[fieldName])
  if (existingId !== undefined) table.remove(existingId)
  if (!value) return
  const bytes = Buffer.from(value, "base64")
  const stamp = env.store.tick()
  table.insert({
    id: table.nextId,
    name: fieldName,
    res_model: model,
    res_field: fieldName,
    res_id: record.id,
    type: "binary",
    checksum: createHash("sha1").update(bytes).digest("hex"),
    file_size: bytes.length,
    mimetype: guessMimetype(bytes),
    datas: value,
    public: false,
    create_date: stamp,
    write_date: stamp,
    create_uid: env.uid,
    write_uid: env.uid,
    ...fixed,
  })
}

function removeAttachments(env: Env, model: string, ids: number[]): void {
  const table = env.table(ATTACHMENT)
  for (const id of ids) {
    for (const attachmentId of [...table.referencing("res_id", id)]) {
      if (table.records.get(attachmentId)?.res_model === model) table.remove(attachmentId)
    }
  }
}

function syncAttachments(env: Env, model: string, ids: number[], fields: string[]): void {
  const attached = ATTACHED_FIELDS[model].filter((name) => fields.includes(name))
  if (attached.length === 0) return
  for (const id of ids) {
    const record = env.browse(model, id)
    if (record) for (const name of attached) storeAttachment(env, model, record, name)
  }
}

/** Wraps a model's create/write/unlink so that its attached binary fields keep their attachments. */
function withAttachments(spec: ModelSpec): ModelSpec {
  const { afterCreate, afterWrite, unlink } = spec
  return {
    ...spec,
    afterCreate: (env, ids, valsList) => {
      afterCreate?.(env, ids, valsList)
      ids.forEach((id, index) => syncAttachments(env, spec.name, [id], Object.keys(valsList[index] ?? {})))
    },
    afterWrite: (env, ids, vals) => {
      afterWrite?.(env, ids, vals)
      syncAttachments(env, spec.name, ids, Object.keys(vals))
    },
    unlink: (env, ids, generic) => {
      const cleanup = (toDelete: number[]): void => {
        generic(toDelete)
        removeAttachments(env, spec.name, toDelete)
      }
      if (unlink) unlink(env, ids, cleanup)
      else cleanup(ids)
    },
  }
}

/** The template's image written: the stored original and the sizes derived from it. */
function setTemplateImage(env: Env, record: RawRecord, value: JsonValue): void {
  const table = env.table(T)
  const image = asBase64(value)
  table.set(record, "image_1920", image)
  // Odoo resizes; the emulator keeps the original for every size.
  for (const size of SIZES) table.set(record, size, image)
}

/** Odoo's product.product._set_template_field for image_1920 / image_variant_1920. */
function setVariantImage(env: Env, record: RawRecord, value: JsonValue): void {
  const image = asBase64(value)
  const templateId = typeof record.product_tmpl_id === "number" ? record.product_tmpl_id : undefined
  const template = templateId !== undefined ? env.browse(T, templateId) : undefined
  if (!template) return
  const templateImage = asBase64(env.get(T, template, "image_1920"))
  const siblings = env.searchCount(P, [["product_tmpl_id", "=", template.id], ["active", "=", true]])
  if ((!image && !asBase64(record.image_variant_1920)) || (image && !templateImage) || siblings <= 1) {
    env.write(P, [record.id], { image_variant_1920: false })
    env.write(T, [template.id], { image_1920: image })
  } else {
    env.write(P, [record.id], { image_variant_1920: image })
  }
}

const irAttachment: ModelSpec = {
  name: ATTACHMENT,
  description: "Attachment",
  order: "id desc",
  extraFields: [
    ...LOG_FIELDS,
    field("name", "char", "Name", { required: true }),
    field("res_model", "char", "Resource Model", { readonly: true }),
    field("res_field", "char", "Resource Field", { readonly: true }),
    field("res_id", "integer", "Resource ID", { readonly: true }),
    field("type", "selection", "Type", { required: true, selection: [["url", "URL"], ["binary", "File"]] }),
    field("checksum", "char", "Checksum/SHA1", { readonly: true }),
    field("file_size", "integer", "File Size", { readonly: true }),
    field("mimetype", "char", "Mime Type", { readonly: true }),
    field("datas", "binary", "File Content (base64)", { store: false }),
    field("public", "boolean", "Is public document"),
  ],
  access: access([GROUPS.internal], [GROUPS.internal]),
  defaults: { type: "binary", public: false, res_field: false, res_model: false, res_id: 0 },
  // ir.attachment._search: field attachments only when the domain names res_field or id.
  searchDomain: (domain: DomainInput): DomainInput => {
    const terms = Array.isArray(domain) ? domain : []
    const named = terms.some((term) => Array.isArray(term) && (term[0] === "res_field" || term[0] === "id"))
    return named ? domain : [["res_field", "=", false], ...terms]
  },
  afterCreate: (env, ids) => {
    const table = env.table(ATTACHMENT)
    for (const id of ids) {
      const record = table.records.get(id)
      const value = record ? asBase64(record.datas) : false
      if (!record || !value) continue
      const bytes = Buffer.from(value, "base64")
      table.set(record, "checksum", createHash("sha1").update(bytes).digest("hex"))
      table.set(record, "file_size", bytes.length)
      if (!record.mimetype) table.set(record, "mimetype", guessMimetype(bytes))
    }
  },
}

const productImage: ModelSpec = withAttachments({
  name: IMAGE,
  description: "Product Image",
  order: "sequence, id",
  extraFields: [
    ...LOG_FIELDS,
    field("name", "char", "Name", { required: true }),
    field("sequence", "integer", "Sequence"),
    field("product_tmpl_id", "many2one", "Product Template", { relation: T }),
    field("product_variant_id", "many2one", "Product Variant", { relation: P }),
    field("image_1920", "binary", "Image"),
    field("image_1024", "binary", "Image 1024", { readonly: true }),
    field("image_512", "binary", "Image 512", { readonly: true }),
    field("image_256", "binary", "Image 256", { readonly: true }),
    field("image_128", "binary", "Image 128", { readonly: true }),
  ],
  access: access([GROUPS.internal, GROUPS.portal, GROUPS.public], PRODUCT_MANAGERS),
  onDelete: { product_tmpl_id: "cascade", product_variant_id: "cascade" },
  defaults: { sequence: 10 },
  computes: {
    image_1024: (_env, record) => record.image_1920 ?? false,
    image_512: (_env, record) => record.image_1920 ?? false,
    image_256: (_env, record) => record.image_1920 ?? false,
    image_128: (_env, record) => record.image_1920 ?? false,
  },
})

/** Extra fields of the product models for website_sale's images. */
const TEMPLATE_IMAGE_FIELDS: ExtraField[] = [
  field("product_template_image_ids", "one2many", "Extra Product Media", { relation: IMAGE, inverseName: "product_tmpl_id" }),
]
const VARIANT_IMAGE_FIELDS: ExtraField[] = [
  field("product_variant_image_ids", "one2many", "Extra Variant Images", { relation: IMAGE, inverseName: "product_variant_id" }),
  field("image_variant_1920", "binary", "Variant Image"),
]

/** The product models with attached images, plus ir.attachment and product.image. */
export function withMedia(specs: ModelSpec[]): ModelSpec[] {
  const result = specs.map((spec) => {
    if (spec.name === T) {
      return withAttachments({
        ...spec,
        extraFields: [...(spec.extraFields ?? []), ...TEMPLATE_IMAGE_FIELDS],
        inverses: { ...spec.inverses, image_1920: setTemplateImage },
      })
    }
    if (spec.name === P) {
      return withAttachments({
        ...spec,
        extraFields: [...(spec.extraFields ?? []), ...VARIANT_IMAGE_FIELDS],
        inverses: { ...spec.inverses, image_1920: setVariantImage },
      })
    }
    return spec
  })
  return [...result, irAttachment, productImage]
}

/** Attachments of the recorded demo database (v2 sample 53), where the record still looks like the demo one. */
const DEMO_ATTACHMENTS: { template: number; name: string; attachment: Partial<RawRecord>; original?: string }[] = [
  {
    template: 5,
    name: "Office Chair",
    attachment: { id: 202, checksum: "9472f98ac93524cff5b4376d5dea268cd4d2b344", file_size: 16910, mimetype: "image/jpeg" },
  },
  {
    template: 6,
    name: "Office Lamp",
    attachment: { id: 203, checksum: "728176003bd18f9231439ffdc58c9c7a554f8e4f", file_size: 12801, mimetype: "image/png" },
  },
  { template: 9, name: "Customizable Desk", attachment: { id: 222 }, original: "customizable-desk.jpg" },
]

const DEMO_MEDIA_DIR = path.join(__dirname, "demo-media")

/**
 * After loading a fixture: each stored image gets its original (the recorded one, else the
 * largest size the fixture has) and its attachment, as the database behind the fixture has them.
 */
export function seedMedia(env: Env): void {
  const templates = env.table(T)
  const demo = new Map(DEMO_ATTACHMENTS.map((fact) => [fact.template, fact]))
  const known = [...demo.values()].filter((fact) => templates.records.get(fact.template)?.name === fact.name)
  const ordered = [
    ...known.map((fact) => fact.template),
    ...[...templates.records.keys()].filter((id) => !known.some((fact) => fact.template === id)).sort((a, b) => a - b),
  ]
  for (const id of ordered) {
    const record = templates.records.get(id) as RawRecord
    const fact = known.find((candidate) => candidate.template === id)
    const original = fact?.original ? fs.readFileSync(path.join(DEMO_MEDIA_DIR, fact.original)).toString("base64") : undefined
    const image = original || asBase64(record.image_1920) || asBase64(record.image_1024) || asBase64(record.image_128)
    if (!image) continue
    record.image_1920 = image
    storeAttachment(env, T, record, "image_1920", fact?.attachment)
  }
  for (const model of [P, IMAGE]) {
    if (!env.hasModel(model)) continue
    for (const record of env.table(model).records.values()) {
      for (const name of ATTACHED_FIELDS[model]) if (asBase64(record[name])) storeAttachment(env, model, record, name)
    }
  }
}

