// `npm run demo`: the integration end to end without an Odoo. Starts the Odoo emulator with a
// generated catalog, migrates the database, runs a full product sync into it, and creates an
// admin user; `npm run dev` then shows the synced products in the admin at /app.
import { spawn } from "node:child_process"
import path from "node:path"
import { startOdooEmulator } from "../integration-tests/odoo-emulator"

const projectDir = path.resolve(__dirname, "..")
const medusa = path.join(projectDir, "node_modules", ".bin", "medusa")
const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL || "admin@medusa-odoo.local"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || "supersecret"
const TEMPLATES = Number(process.env.DEMO_TEMPLATES || 300)

function say(line: string) {
  process.stdout.write(`[demo] ${line}\n`)
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(medusa, args, { cwd: projectDir, env, stdio: "inherit" })
    child.on("exit", (code) => resolve(code ?? 1))
  })
}

async function main(): Promise<number> {
  const odooVariables = ["ODOO_URL", "ODOO_DB_NAME", "ODOO_USERNAME", "ODOO_API_KEY"]
  if (odooVariables.some((name) => process.env[name])) {
    say("ODOO_* variables are set: the demo runs against its own emulator only; unset them first.")
    return 1
  }
  const emulator = await startOdooEmulator({ generate: { templates: TEMPLATES, seed: 1 } })
  say(`Odoo emulator with ${TEMPLATES} generated templates at ${emulator.url}`)
  const env = {
    ...process.env,
    ODOO_URL: emulator.url,
    ODOO_DB_NAME: emulator.db,
    ODOO_USERNAME: emulator.admin.login,
    ODOO_API_KEY: emulator.admin.apiKey,
  }
  try {
    if ((await run(["db:migrate"], env)) !== 0) return 1
    if ((await run(["exec", "./src/scripts/sync-products.ts", "full"], env)) !== 0) return 1
    const userCreated = (await run(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env)) === 0
    say("Products carry their Odoo images (files in static/odoo) and eCommerce categories (Products > Categories)")
    say("Store API: /store/products?category_id[]=<id> with a publishable key lists a category's products")
    say("Done. Now run `npm run dev` and open http://localhost:9000/app")
    say(
      userCreated
        ? `Log in as ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}`
        : `The admin user ${ADMIN_EMAIL} was not created (it may exist from an earlier demo).`
    )
    return 0
  } finally {
    await emulator.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[demo] ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exit(1)
  }
)
