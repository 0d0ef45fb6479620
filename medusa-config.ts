import { defineConfig, loadEnv } from "@medusajs/framework/utils"
import { logger } from "@medusajs/framework/logger"
import { ODOO_MODULE } from "./src/modules/odoo/constants"
import { odooOptionsFromEnv } from "./src/modules/odoo/options"
import { assertSafeProductionConfig } from "./src/lib/deployment/production-config"
import { adminDisabled, infrastructureModules, workerModeFromEnv } from "./src/lib/deployment/infrastructure-modules"

// Tests (and the Medusa processes they start) read .env.test only: jest.config.js sets
// IGNORE_DOTENV, so a developer's .env never reaches them.
if (process.env.NODE_ENV !== "test" && process.env.IGNORE_DOTENV !== "true") {
  loadEnv(process.env.NODE_ENV || "development", process.cwd())
}

// NODE_ENV=production: no embedded database, no default secrets, CORS set; throws naming each.
assertSafeProductionConfig(process.env)

const odoo = odooOptionsFromEnv(process.env)

if (odoo.missing.length > 0) {
  throw new Error(
    `The Odoo integration is half-configured: ${odoo.missing.join(", ")} ` +
      `${odoo.missing.length === 1 ? "is" : "are"} not set. Set all of ODOO_URL, ODOO_DB_NAME, ` +
      `ODOO_USERNAME and ODOO_API_KEY to turn it on, or none of them to leave it off.`
  )
}

if (!odoo.configured) {
  logger.info(
    "Odoo integration is off: set ODOO_URL, ODOO_DB_NAME, ODOO_USERNAME and ODOO_API_KEY to turn it on."
  )
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL || undefined,
    workerMode: workerModeFromEnv(process.env),
    http: {
      storeCors: process.env.STORE_CORS || "http://localhost:8000",
      adminCors: process.env.ADMIN_CORS || "http://localhost:5173,http://localhost:9000",
      authCors:
        process.env.AUTH_CORS || "http://localhost:5173,http://localhost:9000,http://localhost:8000",
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  admin: { disable: adminDisabled(process.env) },
  modules: [
    ...infrastructureModules(process.env),
    ...(odoo.configured ? [{ key: ODOO_MODULE, resolve: "./src/modules/odoo", options: odoo.options }] : []),
  ],
})
