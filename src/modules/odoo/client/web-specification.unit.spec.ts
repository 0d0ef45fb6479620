import { OdooError } from "./errors"
import { isMissingWebSpecification } from "./web-specification"

const odooError = (method: string, odooName: string, odooMessage: string) =>
  new OdooError({
    kind: "invalid_request",
    target: { service: "object", model: "product.template", method },
    detail: `${odooName}: ${odooMessage}`,
    retryable: false,
    odooName,
    odooMessage,
  })

describe("isMissingWebSpecification", () => {
  it("recognises Odoo 16's answers to web_read and to web_search_read with a specification", () => {
    expect(isMissingWebSpecification(odooError("web_read", "builtins.AttributeError", "The method 'product.template.web_read' does not exist"))).toBe(true)
    expect(
      isMissingWebSpecification(
        odooError("web_search_read", "builtins.TypeError", "Base.web_search_read() got an unexpected keyword argument 'specification'")
      )
    ).toBe(true)
  })

  it("leaves other failures alone: a bad field, a refused right, a non-Odoo error", () => {
    expect(isMissingWebSpecification(odooError("web_search_read", "builtins.ValueError", "Invalid field 'nope' on model 'product.template'"))).toBe(false)
    expect(isMissingWebSpecification(odooError("web_read", "odoo.exceptions.AccessError", "You are not allowed to access 'Product'"))).toBe(false)
    expect(isMissingWebSpecification(new Error("web_read' does not exist"))).toBe(false)
  })
})
