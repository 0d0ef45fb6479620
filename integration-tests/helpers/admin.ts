import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"

type Api = { post: (url: string, body?: unknown, config?: unknown) => Promise<{ data: { token: string } }> }

/**
 * Creates an admin user with an email/password identity, as `medusa user` does, and logs in
 * through the real auth route. Returns the headers of an authenticated admin request.
 */
export async function adminHeaders(container: MedusaContainer, api: Api) {
  const email = `admin-${Date.now()}@odoo-sync.test`
  const password = "integration-test-password"
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const user = await userModule.createUsers({ email })
  const { authIdentity, error } = await authModule.register("emailpass", { body: { email, password } })
  if (!authIdentity) {
    throw new Error(`could not register the test admin: ${error}`)
  }
  await authModule.updateAuthIdentities({ id: authIdentity.id, app_metadata: { user_id: user.id } })
  const { data } = await api.post("/auth/user/emailpass", { email, password })
  return { headers: { authorization: `Bearer ${data.token}` } }
}
