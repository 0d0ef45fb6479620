import { isSameAddress, stateCodeFromProvince, toPartnerAddress } from "./addresses"

describe("stateCodeFromProvince", () => {
  it.each([
    ["us-ca", "US", "CA"],
    ["US-NY", "US", "NY"],
    ["CA", "US", "CA"],
    ["be-wna", "BE", "WNA"],
    ["", "US", false],
    [null, "US", false],
  ])("%s in %s → %s", (province, country, expected) => {
    expect(stateCodeFromProvince(province, country)).toBe(expected)
  })
})

describe("toPartnerAddress and isSameAddress", () => {
  const medusa = { first_name: " Jane ", last_name: "Doe", address_1: "1  Main St", city: "San Francisco", postal_code: "94105", country_code: "us", province: "us-ca" }

  it("cleans spaces, upper-cases codes, falls back to the company or a given name", () => {
    expect(toPartnerAddress(medusa, "x")).toEqual({
      name: "Jane Doe",
      street: "1 Main St",
      street2: false,
      city: "San Francisco",
      zip: "94105",
      phone: false,
      countryCode: "US",
      stateCode: "CA",
    })
    expect(toPartnerAddress({ company: "ACME", address_1: "1 Road", country_code: "fr" }, "x")?.name).toBe("ACME")
    expect(toPartnerAddress({ address_1: "1 Road" }, "Fallback")?.name).toBe("Fallback")
    expect(toPartnerAddress({}, "x")).toBeNull()
  })

  it("matches an Odoo contact with the same content whatever the case and spacing, not one elsewhere", () => {
    const address = toPartnerAddress(medusa, "x")!
    const record = { id: 45, name: "jane doe", street: "1 Main St ", street2: false, city: "SAN FRANCISCO", zip: "94105", country_id: [233, "United States"], state_id: [13, "California (US)"] }
    expect(isSameAddress(record, address, 233, 13)).toBe(true)
    expect(isSameAddress({ ...record, zip: "94106" }, address, 233, 13)).toBe(false)
    expect(isSameAddress({ ...record, state_id: false }, address, 233, 13)).toBe(false)
  })
})
