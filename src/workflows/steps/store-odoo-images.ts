import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { odooImageFileName, type ImageSkip, type StoredImage, type WantedImage } from "../../lib/odoo-media/image-plan"
import { sniffImageType } from "../../lib/odoo-media/image-type"

export type StoreOdooImagesStepInput = {
  images: WantedImage[]
  max_image_bytes: number
}

export const storeOdooImagesStepId = "store-odoo-images"

/**
 * Downloads the images whose checksum changed (the same file once, however many products share
 * it) and stores them through Medusa's File module under stable names; a file that is too large
 * or not a JPEG, PNG, WebP or GIF is skipped with its reason. Undone by deleting the files.
 */
export const storeOdooImagesStep = createStep(
  storeOdooImagesStepId,
  async (input: StoreOdooImagesStepInput, { container }) => {
    const stored: Record<string, StoredImage> = {}
    const skipped: ImageSkip[] = []
    if (input.images.length === 0) {
      return new StepResponse({ stored, skipped }, [] as string[])
    }
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const files = container.resolve(Modules.FILE)
    const unique = [...new Map(input.images.map((image) => [`${image.key}-${image.checksum}`, image])).values()]
    const contents = await odoo.downloadImages(unique.map((image) => image.attachmentId))
    const uploads: { image: WantedImage; filename: string; mimeType: string; content: string }[] = []
    for (const image of unique) {
      const content = contents[image.attachmentId]
      if (!content) {
        skipped.push({ key: image.key, checksum: image.checksum, reason: "Odoo returned no content for the image" })
        continue
      }
      const bytes = Buffer.from(content, "base64")
      if (bytes.length > input.max_image_bytes) {
        skipped.push({ key: image.key, checksum: image.checksum, reason: `image of ${bytes.length} bytes is over the limit of ${input.max_image_bytes} bytes (ODOO_MAX_IMAGE_BYTES)` })
        continue
      }
      const type = sniffImageType(bytes)
      if (!type.ok) {
        skipped.push({ key: image.key, checksum: image.checksum, reason: type.reason })
        continue
      }
      // The name carries the checksum Odoo gave when the page was read; an image changed since is
      // read again by the next run (its checksum differs then).
      uploads.push({ image, filename: odooImageFileName(image, image.checksum, type.extension), mimeType: type.mimeType, content })
    }
    const created = uploads.length
      ? await files.createFiles(uploads.map(({ filename, mimeType, content }) => ({ filename, mimeType, content, access: "public" as const })))
      : []
    created.forEach((file, index) => {
      const { image } = uploads[index]
      stored[`${image.key}-${image.checksum}`] = { key: image.key, checksum: image.checksum, url: file.url, fileId: file.id }
    })
    return new StepResponse({ stored, skipped }, created.map((file) => file.id))
  },
  async (fileIds, { container }) => {
    if (!fileIds?.length) return
    await container.resolve(Modules.FILE).deleteFiles(fileIds)
  }
)
