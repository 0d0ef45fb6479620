import { Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { Link, useSearchParams } from "react-router-dom"
import { useOdooStatus, useSyncedProducts } from "../../../lib/odoo-hooks"
import { odooTemplateUrl } from "../../../lib/odoo-links"

/**
 * Products the sync wrote, filtered as the links from the sync page and a run's detail ask:
 * `?status=draft` (the drafts) or `?template_ids=1,2` (the products a run's problems name).
 */
const OdooProductsPage = () => {
  const [params] = useSearchParams()
  const status = params.get("status") ?? undefined
  const templateIds = params.get("template_ids") ?? undefined
  const { data, isLoading } = useSyncedProducts({ status, template_ids: templateIds, limit: 200 })
  const { data: odoo } = useOdooStatus()
  const products = data?.products ?? []
  const title = status === "draft" ? "Drafts from Odoo" : templateIds ? "Products named by the run" : "Products from Odoo"
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Link to="/odoo" className="text-ui-fg-subtle txt-compact-small">
          ← Odoo sync
        </Link>
        <Heading level="h1">{title}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {isLoading ? "Loading…" : `${data?.count ?? 0} products${data && data.count > products.length ? `, the first ${products.length} shown` : ""}`}
        </Text>
      </div>
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Product</Table.HeaderCell>
            <Table.HeaderCell>Status</Table.HeaderCell>
            <Table.HeaderCell>Odoo template</Table.HeaderCell>
            <Table.HeaderCell>Last synced</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {products.map((product) => (
            <Table.Row key={product.id} data-testid="odoo-product-row">
              <Table.Cell>
                <Link to={`/products/${product.id}`} className="text-ui-fg-interactive">
                  {product.title}
                </Link>
              </Table.Cell>
              <Table.Cell>
                <StatusBadge color={product.status === "published" ? "green" : "grey"}>
                  {product.removed_from_odoo ? "draft · left Odoo's sync" : product.status}
                </StatusBadge>
              </Table.Cell>
              <Table.Cell>
                {odoo?.url ? (
                  <a href={odooTemplateUrl(odoo.url, product.template_id, odoo.odoo_version)} target="_blank" rel="noreferrer" className="text-ui-fg-interactive">
                    {product.template_id}
                  </a>
                ) : (
                  product.template_id
                )}
              </Table.Cell>
              <Table.Cell>{product.synced_at ? new Date(product.synced_at).toLocaleString() : "–"}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </Container>
  )
}

export default OdooProductsPage
