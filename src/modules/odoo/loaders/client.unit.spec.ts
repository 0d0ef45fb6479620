import { createMedusaContainer } from "@medusajs/framework/utils"
import { OdooClient } from "../client/client"
import type { OdooModuleOptions } from "../options"
import { newApiKey } from "../../../../integration-tests/odoo-emulator/users"
import odooClientLoader, { ODOO_CLIENT_KEY, ODOO_OPTIONS_KEY } from "./client"

const API_KEY = newApiKey()

describe("odooClientLoader", () => {
  const fetchSpy = jest.spyOn(globalThis, "fetch")
  afterAll(() => fetchSpy.mockRestore())

  it("registers the client and the parsed options without calling Odoo", async () => {
    const container = createMedusaContainer()
    const debugLines: string[] = []
    const logger = { debug: (line: string) => debugLines.push(line), info: jest.fn(), warn: jest.fn(), error: jest.fn() }
    await odooClientLoader({
      container,
      options: { url: "https://erp.example.com/", dbName: "odoo_medusa", username: "admin", apiKey: API_KEY },
      // The loader only uses the logging methods the client needs.
      logger: logger as unknown as Parameters<typeof odooClientLoader>[0]["logger"],
    })
    expect(container.resolve(ODOO_CLIENT_KEY)).toBeInstanceOf(OdooClient)
    expect(container.resolve<OdooModuleOptions>(ODOO_OPTIONS_KEY)).toMatchObject({
      url: "https://erp.example.com",
      batchSize: 100,
      onRemoved: "draft",
    })
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(debugLines.join("\n")).not.toContain(API_KEY)
  })

  it("throws an error naming the invalid option, without the key", async () => {
    const container = createMedusaContainer()
    const load = odooClientLoader({
      container,
      options: { url: "http://erp.example.com", dbName: "odoo_medusa", username: "admin", apiKey: API_KEY, batchSize: 0 },
    })
    await expect(load).rejects.toThrow(/^Invalid Odoo module options: .*batchSize: must be an integer from 1 to 1000/)
    await expect(load).rejects.not.toThrow(API_KEY)
    await expect(odooClientLoader({ container })).rejects.toThrow(/apiKey: is required/)
  })
})
