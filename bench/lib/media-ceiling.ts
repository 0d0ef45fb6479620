/**
 * The ceiling's images and categories: what the sync writes for them, read from Odoo beforehand
 * (not timed) and written through Medusa's own workflows (timed with the products): the category
 * tree level by level with createProductCategoriesWorkflow, each batch's files with
 * uploadFilesWorkflow, then the products created with their images, thumbnail and categories.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { createProductCategoriesWorkflow, uploadFilesWorkflow } from "@medusajs/medusa/core-flows"
import type { CreateProductWorkflowInputDTO } from "@medusajs/framework/types"
import type { OdooClient } from "../../src/modules/odoo/client/client"
import { downloadImages, readCategories, readPageMedia } from "../../src/modules/odoo/media-reader"
import { planCategories, templateCategoryIds, type CategoryCreate } from "../../src/lib/odoo-categories/category-plan"
import { categoryModelFor } from "../../src/lib/odoo-categories/category-source"
import { odooImageFileName, wantedImages } from "../../src/lib/odoo-media/image-plan"
import { sniffImageType } from "../../src/lib/odoo-media/image-type"

type CeilingFile = { filename: string; mimeType: string; content: string; access: "public" }

export type CeilingMedia = {
  categoryLevels: CategoryCreate[][]
  /** Per template: its image files in order, and its Odoo category ids. */
  templates: Map<number, { files: CeilingFile[]; categories: string[] }>
}

export async function readCeilingMedia(client: OdooClient, templateIds: number[], websiteSale: boolean, batchSize: number): Promise<CeilingMedia> {
  const model = categoryModelFor("auto", websiteSale)
  const tree = model ? await readCategories(client, model) : []
  const categoryLevels = model ? planCategories(tree, model, []).createLevels : []
  const templates: CeilingMedia["templates"] = new Map()
  for (let start = 0; start < templateIds.length; start += batchSize) {
    const page = templateIds.slice(start, start + batchSize)
    const media = await readPageMedia(client, page, websiteSale)
    const wanted = media.templates.map((template) => ({ template, images: wantedImages(template, media) }))
    const contents = await downloadImages(client, wanted.flatMap(({ images }) => images.map((image) => image.attachmentId)))
    for (const { template, images } of wanted) {
      const files: CeilingFile[] = []
      for (const image of images) {
        const content = contents[image.attachmentId]
        if (!content) continue
        const type = sniffImageType(Buffer.from(content, "base64"))
        if (!type.ok) continue
        files.push({ filename: odooImageFileName(image, image.checksum, type.extension), mimeType: type.mimeType, content, access: "public" })
      }
      const categories = model ? templateCategoryIds(template, model).map(String) : []
      templates.set(template.id, { files, categories })
    }
  }
  return { categoryLevels, templates }
}

/** Creates the category tree; returns the Medusa id of each Odoo category. */
export async function createCeilingCategories(container: MedusaContainer, levels: CategoryCreate[][]): Promise<Record<string, string>> {
  const ids: Record<string, string> = {}
  for (const level of levels) {
    const { result } = await createProductCategoriesWorkflow(container).run({
      input: {
        product_categories: level.map((category) => ({
          name: category.name,
          handle: category.handle,
          rank: category.rank,
          is_active: true,
          metadata: category.metadata,
          parent_category_id: category.parent_external_id ? ids[category.parent_external_id] ?? null : null,
        })),
      },
    })
    result.forEach((row, index) => {
      ids[level[index].external_id] = row.id
    })
  }
  return ids
}

/** Uploads a batch's files and adds images, thumbnail and categories to its product inputs. */
export async function withCeilingMedia(
  container: MedusaContainer,
  products: CreateProductWorkflowInputDTO[],
  media: CeilingMedia,
  categoryIds: Record<string, string>
): Promise<CreateProductWorkflowInputDTO[]> {
  const perProduct = products.map((product) => media.templates.get(Number(product.external_id)) ?? { files: [], categories: [] })
  const files = perProduct.flatMap((entry) => entry.files)
  const { result: uploaded } = files.length ? await uploadFilesWorkflow(container).run({ input: { files } }) : { result: [] }
  let next = 0
  return products.map((product, index) => {
    const entry = perProduct[index]
    const images = entry.files.map(() => ({ url: uploaded[next++].url }))
    return {
      ...product,
      images,
      thumbnail: images[0]?.url,
      categories: entry.categories.map((id) => categoryIds[id]).filter(Boolean).map((id) => ({ id })),
    }
  })
}
