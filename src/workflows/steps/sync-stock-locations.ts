import type { Link } from "@medusajs/framework/modules-sdk"
import type { IStockLocationService } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import {
  type ExistingLocation,
  type LocationAddress,
  locationMetadata,
  type MappedWarehouse,
  planStockLocations,
  warehouseIdOf,
} from "../../lib/odoo-stock/warehouses"

export type SyncStockLocationsStepInput = {
  warehouses: MappedWarehouse[]
  sales_channel_id: string | null
  dry_run: boolean
}

type LocationRow = {
  id: string
  name: string
  metadata: Record<string, unknown> | null
  address: Partial<LocationAddress> | null
  sales_channels?: { id: string }[] | null
}

type ChannelLink = { location_id: string; sales_channel_id: string }

type Compensation = {
  created: string[]
  updated: { id: string; name: string; address: Partial<LocationAddress> | null }[]
  linked: ChannelLink[]
  unlinked: ChannelLink[]
}

const ADDRESS_FIELDS = ["address_1", "address_2", "city", "postal_code", "province", "country_code", "phone"]

function channelLinks(links: ChannelLink[]) {
  return links.map((link) => ({
    [Modules.SALES_CHANNEL]: { sales_channel_id: link.sales_channel_id },
    [Modules.STOCK_LOCATION]: { stock_location_id: link.location_id },
  }))
}

export const syncStockLocationsStepId = "sync-odoo-stock-locations"

/**
 * Makes Medusa's stock locations match Odoo's warehouses: creates a location per new synced
 * warehouse, renames and re-addresses changed ones, links them to the default sales channel,
 * and unlinks (never deletes) those of archived or left-out warehouses. Returns the location
 * of each synced warehouse, and the warehouses whose location is new or newly linked (every
 * product's level is due there).
 */
export const syncStockLocationsStep = createStep(
  syncStockLocationsStepId,
  async (input: SyncStockLocationsStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "stock_location",
      fields: ["id", "name", "metadata", ...ADDRESS_FIELDS.map((field) => `address.${field}`), "sales_channels.id"],
    })
    const existing: ExistingLocation[] = (data as unknown as LocationRow[])
      .filter((row) => warehouseIdOf(row) !== null)
      .map((row) => ({
        id: row.id,
        name: row.name,
        metadata: row.metadata,
        address: row.address,
        sales_channel_ids: (row.sales_channels ?? []).map((channel) => channel.id),
      }))
    const plan = planStockLocations(input.warehouses, existing, input.sales_channel_id)
    const compensation: Compensation = { created: [], updated: [], linked: [], unlinked: [] }
    const counts = {
      locations_created: plan.create.length,
      locations_updated: plan.update.length,
      locations_linked: plan.link.length,
      locations_unlinked: plan.unlink.length,
    }
    const locationByWarehouse = new Map<number, string>()
    for (const location of existing) {
      locationByWarehouse.set(warehouseIdOf(location) as number, location.id)
    }
    const fresh = new Set<number>()
    if (!input.dry_run) {
      const stockLocations: IStockLocationService = container.resolve(Modules.STOCK_LOCATION)
      const link: Link = container.resolve(ContainerRegistrationKeys.LINK)
      if (plan.create.length) {
        const created = await stockLocations.createStockLocations(
          plan.create.map(({ warehouse }) => ({
            name: warehouse.name,
            metadata: locationMetadata(warehouse),
            ...(warehouse.address ? { address: warehouse.address } : {}),
          }))
        )
        created.forEach((location, index) => {
          const warehouseId = plan.create[index].warehouse.odooId
          compensation.created.push(location.id)
          locationByWarehouse.set(warehouseId, location.id)
          fresh.add(warehouseId)
        })
      }
      for (const update of plan.update) {
        const before = existing.find((location) => location.id === update.id) as ExistingLocation
        compensation.updated.push({ id: update.id, name: before.name, address: before.address })
        await stockLocations.updateStockLocations(update.id, {
          name: update.name,
          ...(update.address ? { address: update.address } : {}),
        })
      }
      if (input.sales_channel_id) {
        const channel = input.sales_channel_id
        const toLink: ChannelLink[] = [...plan.link, ...compensation.created].map((location_id) => ({
          location_id,
          sales_channel_id: channel,
        }))
        if (toLink.length) {
          await link.create(channelLinks(toLink))
          compensation.linked.push(...toLink)
        }
        for (const location_id of plan.link) {
          const warehouse = existing.find((location) => location.id === location_id)
          if (warehouse) fresh.add(warehouseIdOf(warehouse) as number)
        }
      }
      const toUnlink = plan.unlink.flatMap(({ id, sales_channel_ids }) =>
        sales_channel_ids.map((sales_channel_id) => ({ location_id: id, sales_channel_id }))
      )
      if (toUnlink.length) {
        await link.dismiss(channelLinks(toUnlink))
        compensation.unlinked.push(...toUnlink)
      }
    }
    const locations = input.warehouses
      .filter((warehouse) => warehouse.synced && locationByWarehouse.has(warehouse.odooId))
      .map((warehouse) => ({ warehouseId: warehouse.odooId, locationId: locationByWarehouse.get(warehouse.odooId) as string }))
    return new StepResponse({ locations, freshWarehouseIds: [...fresh], counts }, compensation)
  },
  async (compensation, { container }) => {
    if (!compensation) {
      return
    }
    const stockLocations: IStockLocationService = container.resolve(Modules.STOCK_LOCATION)
    const link: Link = container.resolve(ContainerRegistrationKeys.LINK)
    if (compensation.unlinked.length) await link.create(channelLinks(compensation.unlinked))
    if (compensation.linked.length) await link.dismiss(channelLinks(compensation.linked))
    for (const previous of compensation.updated) {
      await stockLocations.updateStockLocations(previous.id, {
        name: previous.name,
        ...(previous.address?.address_1 && previous.address.country_code
          ? { address: { ...previous.address, address_1: previous.address.address_1, country_code: previous.address.country_code } }
          : {}),
      })
    }
    if (compensation.created.length) await stockLocations.deleteStockLocations(compensation.created)
  }
)
