import { mapCustomerForOdoo } from "./map-customer"

describe("mapCustomerForOdoo", () => {
  it("takes name, email, phone, the stored link and the default billing address", () => {
    const plan = mapCustomerForOdoo({
      id: "cus_1",
      email: "jane@example.com",
      first_name: "Jane",
      last_name: "Doe",
      metadata: { odoo_partner_id: 44 },
      addresses: [
        { address_1: "2 Side St", city: "Oakland", country_code: "us", is_default_shipping: true },
        { address_1: "1 Main St", city: "San Francisco", country_code: "us", province: "us-ca", phone: "+1 555", is_default_billing: true },
      ],
    })
    expect(plan).toEqual({
      linkedPartnerId: 44,
      email: "jane@example.com",
      name: "Jane Doe",
      phone: "+1 555",
      address: { name: "Jane Doe", street: "1 Main St", street2: false, city: "San Francisco", zip: false, phone: "+1 555", countryCode: "US", stateCode: "CA" },
    })
  })

  it("names a customer without a name by company or email; none without an email", () => {
    expect(mapCustomerForOdoo({ id: "c", email: "x@y.z", company_name: "ACME" })).toMatchObject({ name: "ACME", address: null, linkedPartnerId: null })
    expect(mapCustomerForOdoo({ id: "c", email: "x@y.z" })?.name).toBe("x@y.z")
    expect(mapCustomerForOdoo({ id: "c", email: " " })).toBeNull()
  })
})
