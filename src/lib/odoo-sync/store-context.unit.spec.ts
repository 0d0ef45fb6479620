import { storeContext } from "./store-context"

describe("storeContext", () => {
  it("takes the first store's default sales channel, the default shipping profile and lowercase currency codes", () => {
    const context = storeContext(
      [
        {
          id: "store_1",
          default_sales_channel_id: "sc_1",
          supported_currencies: [{ currency_code: "EUR" }, { currency_code: "usd" }],
        },
        { id: "store_2", default_sales_channel_id: "sc_2", supported_currencies: [{ currency_code: "gbp" }] },
      ],
      [{ id: "sp_default" }, { id: "sp_other" }]
    )
    expect(context).toEqual({ salesChannelId: "sc_1", shippingProfileId: "sp_default", currencyCodes: ["eur", "usd"] })
  })

  it("leaves sales channel and shipping profile undefined (not null) when Medusa has none", () => {
    const context = storeContext([{ id: "store_1", default_sales_channel_id: null, supported_currencies: null }], [])
    expect(context.salesChannelId).toBeUndefined()
    expect(context.shippingProfileId).toBeUndefined()
    expect(context.currencyCodes).toEqual([])
  })

  it("copes with no store at all", () => {
    expect(storeContext([], [])).toEqual({ salesChannelId: undefined, shippingProfileId: undefined, currencyCodes: [] })
  })
})
