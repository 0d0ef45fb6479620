import { createHash } from "node:crypto"

import type { MappedProduct } from "./types"

/**
 * Bump when the mapping rules change in a way that must rewrite every product once
 * (the hash then differs from what Medusa stores).
 */
export const MAPPING_VERSION = "odoo-mapping/2"

/** JSON with object keys sorted at every level; arrays keep their order (it is content). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      return "null"
    }
    return JSON.stringify(value) ?? "null"
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
  return `{${entries.join(",")}}`
}

/** Stable content hash of what is written to Medusa (stored as metadata.odoo_sync_hash). */
export function hashMappedProduct(p: Omit<MappedProduct, "hash">): string {
  const { hash: _ignored, ...content } = p as Omit<MappedProduct, "hash"> & { hash?: unknown }
  return createHash("sha256").update(`${MAPPING_VERSION}\n${canonicalJson(content)}`).digest("hex")
}

/** The product-row fields the sync owns, as Medusa stores them. */
export type OwnedProductFields = { title: string; description: string | null; status: string }

/**
 * Hash of the Odoo-owned product fields as written (stored as metadata.odoo_fields_hash): when
 * Medusa's values no longer give it, someone edited them in Medusa. Compared with the values
 * themselves, not timestamps, so slow writes never look like edits and Medusa-owned changes
 * (collections, images) never cause a rewrite.
 */
export function hashOwnedFields(fields: OwnedProductFields): string {
  return createHash("sha256")
    .update(canonicalJson([fields.title, fields.description ?? null, fields.status]))
    .digest("hex")
    .slice(0, 32)
}
