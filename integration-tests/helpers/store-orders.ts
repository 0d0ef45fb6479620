/**
 * A shop that can take orders through the Store API (see KNOWN-FACTS "Placing an order through
 * the Store API"): a USD region for the US with a 15% tax, a stock location with a flat-rate
 * shipping option, the system payment provider, a publishable key, and products whose variants
 * carry Odoo product ids (metadata.external_id) as the product sync writes them.
 */

export type Api = {
  get: (url: string, config?: unknown) => Promise<{ status: number; data: any }>
  post: (url: string, body?: unknown, config?: unknown) => Promise<{ status: number; data: any }>
}
export type Headers = { headers: Record<string, string> }

export interface Shop {
  regionId: string
  shippingOptionId: string
  publishableKey: string
  /** Variant id per Odoo product id. */
  variants: Record<number, string>
  admin: Headers
}

export interface ShopProduct {
  title: string
  odooProductId: number
  price: number
}

export const SHIPPING_PRICE = 10

export async function setupShop(api: Api, admin: Headers, products: ShopProduct[]): Promise<Shop> {
  const { data: regionData } = await api.post(
    "/admin/regions",
    { name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"], automatic_taxes: true },
    admin
  )
  const regionId = regionData.region.id
  await api.post(
    "/admin/tax-regions",
    { country_code: "us", provider_id: "tp_system", default_tax_rate: { rate: 15, code: "SALES15", name: "Sales tax 15%" } },
    admin
  )

  const { data: channels } = await api.get("/admin/sales-channels?limit=1&order=created_at", admin)
  const salesChannelId = channels.sales_channels[0].id
  const { data: profiles } = await api.get("/admin/shipping-profiles?type=default", admin)
  // The migration's default profile is gone once the runner has cleaned the database between tests.
  const shippingProfileId =
    profiles.shipping_profiles[0]?.id ??
    (await api.post("/admin/shipping-profiles", { name: `Default ${Date.now()}`, type: "default" }, admin)).data.shipping_profile.id

  const { data: locationData } = await api.post("/admin/stock-locations", { name: "Main warehouse" }, admin)
  const locationId = locationData.stock_location.id
  await api.post(`/admin/stock-locations/${locationId}/fulfillment-providers`, { add: ["manual_manual"] }, admin)
  await api.post(`/admin/stock-locations/${locationId}/sales-channels`, { add: [salesChannelId] }, admin)
  const { data: setData } = await api.post(
    `/admin/stock-locations/${locationId}/fulfillment-sets?fields=id,*fulfillment_sets`,
    { name: `Shipping ${Date.now()}`, type: "shipping" },
    admin
  )
  const fulfillmentSet = setData.stock_location.fulfillment_sets[0]
  const { data: zoneData } = await api.post(
    `/admin/fulfillment-sets/${fulfillmentSet.id}/service-zones?fields=id,*service_zones`,
    { name: `US ${Date.now()}`, geo_zones: [{ type: "country", country_code: "us" }] },
    admin
  )
  const serviceZoneId = zoneData.fulfillment_set.service_zones[0].id
  const { data: optionData } = await api.post(
    "/admin/shipping-options",
    {
      name: "Standard shipping",
      service_zone_id: serviceZoneId,
      shipping_profile_id: shippingProfileId,
      provider_id: "manual_manual",
      price_type: "flat",
      type: { label: "Standard", description: "Standard shipping", code: "standard" },
      prices: [{ currency_code: "usd", amount: SHIPPING_PRICE }],
      rules: [
        { attribute: "enabled_in_store", operator: "eq", value: "true" },
        { attribute: "is_return", operator: "eq", value: "false" },
      ],
    },
    admin
  )

  const { data: keyData } = await api.post("/admin/api-keys", { title: "Storefront", type: "publishable" }, admin)
  await api.post(`/admin/api-keys/${keyData.api_key.id}/sales-channels`, { add: [salesChannelId] }, admin)

  const variants: Record<number, string> = {}
  for (const product of products) {
    const { data } = await api.post(
      "/admin/products",
      {
        title: product.title,
        status: "published",
        shipping_profile_id: shippingProfileId,
        sales_channels: [{ id: salesChannelId }],
        options: [{ title: "Default", values: ["Default"] }],
        variants: [
          {
            title: "Default",
            options: { Default: "Default" },
            manage_inventory: false,
            prices: [{ currency_code: "usd", amount: product.price }],
            metadata: { external_id: String(product.odooProductId) },
          },
        ],
      },
      admin
    )
    variants[product.odooProductId] = data.product.variants[0].id
  }
  return { regionId, shippingOptionId: optionData.shipping_option.id, publishableKey: keyData.api_key.token, variants, admin }
}

export interface OrderRequest {
  email: string
  items: { odooProductId: number; quantity: number }[]
  shippingAddress: Record<string, string>
  billingAddress?: Record<string, string>
  promoCodes?: string[]
  /** A logged-in customer's token. */
  customerToken?: string
}

/** Cart, shipping method, payment with the system provider, complete: the order. */
export async function placeOrder(api: Api, shop: Shop, request: OrderRequest): Promise<{ id: string; total: number; display_id: number }> {
  const store: Headers = {
    headers: {
      "x-publishable-api-key": shop.publishableKey,
      ...(request.customerToken ? { authorization: `Bearer ${request.customerToken}` } : {}),
    },
  }
  const { data: cartData } = await api.post(
    "/store/carts",
    {
      region_id: shop.regionId,
      email: request.email,
      shipping_address: request.shippingAddress,
      billing_address: request.billingAddress ?? request.shippingAddress,
      items: request.items.map((item) => ({ variant_id: shop.variants[item.odooProductId], quantity: item.quantity })),
    },
    store
  )
  const cartId = cartData.cart.id
  if (request.promoCodes?.length) await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: request.promoCodes }, store)
  await api.post(`/store/carts/${cartId}/shipping-methods`, { option_id: shop.shippingOptionId }, store)
  const { data: collectionData } = await api.post("/store/payment-collections", { cart_id: cartId }, store)
  await api.post(`/store/payment-collections/${collectionData.payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" }, store)
  const { data } = await api.post(`/store/carts/${cartId}/complete`, {}, store)
  if (data.type !== "order") throw new Error(`cart ${cartId} did not complete: ${JSON.stringify(data.error ?? data).slice(0, 500)}`)
  return { id: data.order.id, total: Number(data.order.total), display_id: data.order.display_id }
}

/** A registered customer (email/password), logged in: the token for store requests. */
export async function registerCustomer(api: Api, shop: Shop, email: string, name: { first_name: string; last_name: string }): Promise<string> {
  const password = "customer-password"
  const { data: registration } = await api.post("/auth/customer/emailpass/register", { email, password })
  await api.post(
    "/store/customers",
    { email, ...name },
    { headers: { authorization: `Bearer ${registration.token}`, "x-publishable-api-key": shop.publishableKey } }
  )
  const { data: login } = await api.post("/auth/customer/emailpass", { email, password })
  return login.token
}
