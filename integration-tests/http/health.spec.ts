import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import syncProductsFromErpJob from "../../src/jobs/sync-products-from-erp"
import { adminHeaders } from "../helpers/admin"
import { request } from "../helpers/sync-runs"

jest.setTimeout(120 * 1000)

const ODOO_VARIABLES = ["ODOO_URL", "ODOO_DB_NAME", "ODOO_USERNAME", "ODOO_API_KEY"]
// Empty rather than deleted: the Medusa CLI spawned below reads .env for unset variables.
for (const name of ODOO_VARIABLES) {
  process.env[name] = ""
}

const projectDir = path.resolve(__dirname, "../..")

/** Runs the Medusa CLI the way `npm start` does and collects what it printed. */
function runMedusa(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return runCommand(path.join(projectDir, "node_modules/.bin/medusa"), args, env, projectDir)
}

function runCommand(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    })
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill("SIGKILL"), 90 * 1000)
    child.on("exit", (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConfig }) => {
    describe("the backend without Odoo variables", () => {
      it("answers /health", async () => {
        const response = await api.get("/health")
        expect(response.status).toBe(200)
      })

      it("does not load the Odoo module", () => {
        expect(getContainer().hasRegistration("odoo")).toBe(false)
      })

      it("still shows the run history an earlier configuration (the demo) recorded", async () => {
        const headers = await adminHeaders(getContainer(), api)
        // Never migrated (the module is off): an empty history, not an error.
        const none = await api.get("/admin/odoo/sync-runs", headers)
        expect(none.data).toMatchObject({ sync_runs: [], count: 0 })

        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
        await knex.raw(
          `create table odoo_sync_run (id text primary key, kind text, trigger text, status text, "full" boolean,
           dry_run boolean, started_at timestamptz, finished_at timestamptz, counts jsonb, progress jsonb,
           skipped jsonb, plan jsonb, odoo_stats jsonb, error jsonb, deleted_at timestamptz)`
        )
        const run = (id: string, trigger: string, status: string, startedAt: string) => ({
          id, kind: "product", trigger, status, full: true, dry_run: false, started_at: startedAt,
          finished_at: startedAt, counts: JSON.stringify({ created: 3 }), error: status === "failed" ? JSON.stringify({ message: "refused" }) : null,
        })
        await knex("odoo_sync_run").insert([
          run("osrun_demo", "demo", "succeeded", "2026-01-01T10:00:00Z"),
          run("osrun_admin", "admin", "failed", "2026-01-02T10:00:00Z"),
        ])
        try {
          const all = await api.get("/admin/odoo/sync-runs", headers)
          expect(all.data.count).toBe(2)
          expect(all.data.sync_runs.map((r: { id: string }) => r.id)).toEqual(["osrun_admin", "osrun_demo"])
          expect(all.data.sync_runs[1]).toMatchObject({ trigger: "demo", counts: { created: 3 } })
          const failed = await api.get("/admin/odoo/sync-runs?status=failed", headers)
          expect(failed.data.sync_runs).toEqual([expect.objectContaining({ id: "osrun_admin", error: { message: "refused" } })])
          const one = await api.get("/admin/odoo/sync-runs/osrun_demo", headers)
          expect(one.data.sync_run).toMatchObject({ id: "osrun_demo", status: "succeeded" })
          const missing = await request(api.get("/admin/odoo/sync-runs/osrun_nope", headers))
          expect(missing.status).toBe(404)
        } finally {
          await knex.raw("drop table odoo_sync_run")
        }
      })

      it("skips the sync job, saying so once", async () => {
        const logger = getContainer().resolve(ContainerRegistrationKeys.LOGGER)
        const info = jest.spyOn(logger, "info")
        await syncProductsFromErpJob(getContainer())
        await syncProductsFromErpJob(getContainer())
        const skipped = info.mock.calls.filter(([message]) => String(message).includes("sync job skipped"))
        expect(skipped).toHaveLength(1)
        info.mockRestore()
      })
    })

    describe("a half-configured Odoo environment", () => {
      it("fails boot with an error naming the missing variables, never echoing the key", async () => {
        const secret = "half-configured-secret-key-0123456789"
        const { code, output } = await runMedusa(["db:migrate"], {
          ...process.env,
          DATABASE_URL: "postgres://postgres@localhost:1/unused",
          ODOO_URL: "http://localhost:8069",
          ODOO_API_KEY: secret,
          ODOO_DB_NAME: "",
          ODOO_USERNAME: "",
        })
        expect(code).not.toBe(0)
        expect(output).toContain("The Odoo integration is half-configured")
        expect(output).toContain("ODOO_DB_NAME, ODOO_USERNAME")
        expect(output).not.toContain(secret)
      })
    })

    describe("production mode (NODE_ENV=production)", () => {
      // Empty values, not absent ones: a developer's .env must not fill them in.
      const unsafe = {
        NODE_ENV: "production",
        DATABASE_URL: "",
        JWT_SECRET: "",
        COOKIE_SECRET: "supersecret",
        STORE_CORS: "",
        ADMIN_CORS: "",
        AUTH_CORS: "",
        MEDUSA_WORKER_MODE: "",
      }

      it("fails boot naming each unsafe setting: no database, default or missing secrets, no CORS", async () => {
        const { code, output } = await runMedusa(["start"], { ...process.env, ...unsafe, PORT: "9124" })
        expect(code).not.toBe(0)
        expect(output).toContain("Refusing to start in production mode (NODE_ENV=production) with unsafe configuration")
        for (const named of [
          "DATABASE_URL is not set",
          "JWT_SECRET is not set",
          "COOKIE_SECRET is the development default",
          "STORE_CORS is not set",
          "ADMIN_CORS is not set",
          "AUTH_CORS is not set",
        ]) {
          expect(output).toContain(named)
        }
      })

      it("`npm start` without DATABASE_URL starts no embedded PostgreSQL and says so", async () => {
        // In an empty directory, so that no .env supplies a DATABASE_URL; `medusa start`
        // means production when NODE_ENV is unset, as Medusa's CLI decides it.
        const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "no-env-"))
        const { NODE_ENV: _unset, ...withoutNodeEnv } = process.env
        const { code, output } = await runCommand(
          process.execPath,
          [path.join(projectDir, "scripts/with-database.mjs"), "medusa", "start"],
          { ...withoutNodeEnv, DATABASE_URL: "" },
          emptyDir
        )
        fs.rmSync(emptyDir, { recursive: true, force: true })
        expect(code).toBe(1)
        expect(output).toContain("DATABASE_URL is not set. In production (NODE_ENV=production) no embedded PostgreSQL is started")
        expect(output).not.toContain("using embedded PostgreSQL")
      })
    })

    describe("an invalid MEDUSA_WORKER_MODE", () => {
      it("fails boot naming the variable and the modes Medusa knows", async () => {
        const { code, output } = await runMedusa(["start"], {
          ...process.env,
          DATABASE_URL: "postgres://postgres@localhost:1/unused",
          PORT: "9125",
          MEDUSA_WORKER_MODE: "both",
        })
        expect(code).not.toBe(0)
        expect(output).toContain("MEDUSA_WORKER_MODE must be one of shared, worker, server (got: both)")
      })
    })

    describe("an invalid ODOO_SYNC_CRON", () => {
      it("fails boot with a message naming the variable", async () => {
        const { code, output } = await runMedusa(["start"], {
          ...process.env,
          DATABASE_URL: dbConfig.clientUrl,
          PORT: "9123",
          ODOO_SYNC_CRON: "every night",
        })
        expect(code).not.toBe(0)
        expect(output).toContain("ODOO_SYNC_CRON is not a valid cron expression")
        expect(output).toContain("every night")
      })
    })
  },
})
