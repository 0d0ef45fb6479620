import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ODOO_MODULE } from "../../modules/odoo/constants"
import type OdooModuleService from "../../modules/odoo/service"
import { DELIVERY_CURSOR_NAME } from "./read-odoo-deliveries"

export type SaveOdooDeliveryCursorStepInput = { write_date: string }

type Previous = { id: string; marks: Record<string, unknown> | null }

export const saveOdooDeliveryCursorStepId = "save-odoo-delivery-cursor"

/** Moves the delivery cursor to the last write date handled. */
export const saveOdooDeliveryCursorStep = createStep(
  saveOdooDeliveryCursorStepId,
  async (input: SaveOdooDeliveryCursorStepInput, { container }) => {
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    const [cursor] = await odoo.listOdooSyncCursors({ name: DELIVERY_CURSOR_NAME })
    if (cursor) {
      await odoo.updateOdooSyncCursors({ id: cursor.id, marks: { write_date: input.write_date } })
      return new StepResponse(null, { id: cursor.id, marks: cursor.marks as Record<string, unknown> } as Previous)
    }
    const created = await odoo.createOdooSyncCursors({ name: DELIVERY_CURSOR_NAME, marks: { write_date: input.write_date } })
    return new StepResponse(null, { id: created.id, marks: null } as Previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const odoo: OdooModuleService = container.resolve(ODOO_MODULE)
    if (previous.marks === null) await odoo.deleteOdooSyncCursors(previous.id)
    else await odoo.updateOdooSyncCursors({ id: previous.id, marks: previous.marks })
  }
)
