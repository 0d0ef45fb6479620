// `npm run demo`: the integration end to end without an Odoo. Starts the Odoo emulator with a
// generated catalog, migrates the database, runs a full product sync into it, and creates an
// admin user; `npm run dev` then starts the same emulator again and shows the synced products
// and the run in the admin at /app. Quiet: what it did, how long, what next; the commands'
// own output goes to .medusa-data/demo.log (printed when a step fails, or with DEMO_VERBOSE=1).
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { Client } from "pg"
import { startOdooEmulator, type OdooEmulator } from "../integration-tests/odoo-emulator"

const projectDir = path.resolve(__dirname, "..")
const medusa = path.join(projectDir, "node_modules", ".bin", "medusa")
const logFile = path.join(projectDir, ".medusa-data", "demo.log")
const ADMIN_EMAIL = process.env.DEMO_ADMIN_EMAIL || "admin@medusa-odoo.local"
const ADMIN_PASSWORD = process.env.DEMO_ADMIN_PASSWORD || "supersecret"
const TEMPLATES = Number(process.env.DEMO_TEMPLATES || 300)
const SEED = 1
const verbose = process.env.DEMO_VERBOSE === "1"

function say(line: string) {
  process.stdout.write(`${line}\n`)
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`
}

/** Runs a medusa command with its output in the log; returns its exit code and output. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(medusa, args, { cwd: projectDir, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      if (verbose) process.stdout.write(chunk)
    }
    child.stdout.on("data", collect)
    child.stderr.on("data", collect)
    child.on("exit", (code) => {
      fs.appendFileSync(logFile, `\n$ medusa ${args.join(" ")}\n${output}`)
      resolve({ code: code ?? 1, output })
    })
  })
}

function failed(step: string, output: string): number {
  say(`✗ ${step} failed. Its last lines (all of it in ${path.relative(projectDir, logFile)}):`)
  say(output.trim().split("\n").slice(-15).join("\n"))
  return 1
}

/**
 * Why synced products are drafts, counted in Odoo: mostly templates for sale that are not
 * published on the website (website_sale's is_published), which Medusa keeps out of the store too.
 */
async function explainDrafts(databaseUrl: string | undefined, emulator: OdooEmulator): Promise<string | null> {
  if (!databaseUrl) return null
  const client = new Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ drafts: string; total: string }>(
      `select count(*) filter (where status = 'draft') as drafts, count(*) as total
         from product where external_id is not null and deleted_at is null`
    )
    const drafts = Number(rows[0].drafts)
    if (drafts === 0) return null
    const unpublished = emulator.store.count("product.template", [["sale_ok", "=", true], ["is_published", "=", false]])
    const why =
      unpublished >= drafts
        ? "their Odoo templates are not published on the website (is_published is false)"
        : `${unpublished} of their Odoo templates are not published on the website (is_published is false), ` +
          `${drafts - unpublished === 1 ? "the other one has" : `the other ${drafts - unpublished} have`} no sellable variant`
    return `${drafts} of ${rows[0].total} products are drafts: ${why}. Publish them in Odoo and sync; "Drafts from Odoo" on the admin's Odoo sync page lists them.`
  } finally {
    await client.end()
  }
}

async function main(): Promise<number> {
  const odooVariables = ["ODOO_URL", "ODOO_DB_NAME", "ODOO_USERNAME", "ODOO_API_KEY"]
  if (odooVariables.some((name) => process.env[name])) {
    say("ODOO_* variables are set (shell or .env): the demo runs against its own emulator only; unset them first.")
    return 1
  }
  const started = Date.now()
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  fs.writeFileSync(logFile, `npm run demo, ${new Date().toISOString()}\n`)
  const emulator = await startOdooEmulator({ generate: { templates: TEMPLATES, seed: SEED } })
  say(`✓ Odoo emulator with ${TEMPLATES} generated templates at ${emulator.url}`)
  const env = {
    ...process.env,
    ODOO_URL: emulator.url,
    ODOO_DB_NAME: emulator.db,
    ODOO_USERNAME: emulator.admin.login,
    ODOO_API_KEY: emulator.admin.apiKey,
    // The pg driver's deprecation notices say nothing to a demo's user.
    NODE_OPTIONS: [process.env.NODE_OPTIONS, "--no-deprecation"].filter(Boolean).join(" "),
  }
  try {
    let step = Date.now()
    const migrated = await run(["db:migrate"], env)
    if (migrated.code !== 0) return failed("Migrating the database", migrated.output)
    say(`✓ Database migrated (${seconds(step)})`)

    step = Date.now()
    const synced = await run(["exec", "./src/scripts/sync-products.ts", "full", "trigger=demo"], env)
    if (synced.code !== 0) return failed("The product sync", synced.output)
    const summary = /Sync finished: (.*)$/m.exec(synced.output)?.[1] ?? "done"
    say(`✓ Products synced from Odoo: ${summary.replace(/ in [\d.]+ s$/, "")} (${seconds(step)})`)
    const drafts = await explainDrafts(process.env.DATABASE_URL, emulator)
    if (drafts) say(`  ${drafts}`)

    // `npm run dev` starts this emulator again (same catalog and key) while no Odoo is configured.
    // (The file scripts/demo-odoo.mjs reads; a local emulator's key, in the git-ignored data folder.)
    const demoOdoo = { templates: TEMPLATES, seed: SEED, port: emulator.port, db: emulator.db, login: emulator.admin.login, apiKey: emulator.admin.apiKey }
    fs.writeFileSync(path.join(projectDir, ".medusa-data", "demo-odoo.json"), JSON.stringify(demoOdoo, null, 2) + "\n", { mode: 0o600 })

    const user = await run(["user", "-e", ADMIN_EMAIL, "-p", ADMIN_PASSWORD], env)
    say(
      user.code === 0
        ? `✓ Admin user created`
        : `✓ Admin user ${ADMIN_EMAIL} kept (it exists from an earlier demo)`
    )
    say("")
    say(`Done in ${seconds(started)}. Next:`)
    say("  npm run dev        (starts the demo's Odoo emulator with Medusa)")
    say(`  open http://localhost:9000/app and log in as ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}`)
    say('  the "Odoo sync" page in the sidebar shows this run; "Sync now" syncs again')
    say("  products carry their Odoo images (files in static/odoo) and eCommerce categories (Products > Categories);")
    say("  Store API: /store/products?category_id[]=<id> with a publishable key lists a category's products")
    return 0
  } finally {
    await emulator.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[demo] ${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(1)
  }
)
