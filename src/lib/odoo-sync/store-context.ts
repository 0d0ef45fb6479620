export type StoreRow = {
  id: string
  default_sales_channel_id: string | null
  supported_currencies: { currency_code: string }[] | null
}

/** Where new products go and which currencies the store sells in. */
export function storeContext(stores: StoreRow[], defaultShippingProfiles: { id: string }[]) {
  const store = stores[0]
  return {
    salesChannelId: store?.default_sales_channel_id ?? undefined,
    shippingProfileId: defaultShippingProfiles[0]?.id,
    currencyCodes: (store?.supported_currencies ?? []).map((currency) => currency.currency_code.toLowerCase()),
  }
}
