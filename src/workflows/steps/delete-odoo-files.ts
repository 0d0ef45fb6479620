import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const deleteOdooFilesStepId = "delete-odoo-files"

/**
 * Deletes the files of images Odoo removed or replaced. It runs last, once the page is written:
 * until then the old files stay, so a page rolled back still shows them.
 */
export const deleteOdooFilesStep = createStep(deleteOdooFilesStepId, async (input: { file_ids: string[] }, { container }) => {
  if (input.file_ids.length) {
    await container.resolve(Modules.FILE).deleteFiles(input.file_ids)
  }
  return new StepResponse({ deleted: input.file_ids.length })
})
