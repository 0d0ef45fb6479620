import { INTERNAL_CATEGORY_MODEL, PUBLIC_CATEGORY_MODEL, type OdooCategoryModel } from "./category-plan"

export type CategorySource = "auto" | "public" | "internal" | "none"

/**
 * The Odoo model categories come from: eCommerce categories when website_sale is installed,
 * internal ones otherwise, unless ODOO_CATEGORY_SOURCE says; null for none.
 */
export function categoryModelFor(source: CategorySource, websiteSale: boolean): OdooCategoryModel | null {
  if (source === "none") return null
  if (source === "public") return PUBLIC_CATEGORY_MODEL
  if (source === "internal") return INTERNAL_CATEGORY_MODEL
  return websiteSale ? PUBLIC_CATEGORY_MODEL : INTERNAL_CATEGORY_MODEL
}
