const fs = require("node:fs")
const path = require("node:path")
const dotenv = require("dotenv")

/**
 * Tests never depend on a developer's environment: no ODOO_* from the shell (the specs point
 * Medusa at their own emulators), and no `.env` (medusa-config reads it only outside tests);
 * `.env.test` is read here. The shell's own DB_*, DATABASE_URL or REDIS_URL still count.
 */
function isolateTestEnvironment(projectDir) {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith("ODOO_")) delete process.env[name]
  }
  // Inherited by the Medusa processes the specs spawn (`medusa start` sets NODE_ENV itself).
  process.env.IGNORE_DOTENV = "true"
  const file = path.join(projectDir, ".env.test")
  const values = fs.existsSync(file) ? dotenv.parse(fs.readFileSync(file)) : {}
  for (const [name, value] of Object.entries(values)) {
    if (process.env[name] === undefined) process.env[name] = value
  }
}
isolateTestEnvironment(__dirname)

/**
 * Test tiers, chosen with TEST_TYPE:
 * - unit: pure functions, `*.unit.spec.ts` beside the code;
 * - modules: the Odoo client and the emulator's contract tests, over real HTTP, no Medusa;
 * - integration:http: Medusa booted for real against PostgreSQL and the emulator;
 * - reliability: the same, under faults, crashes, concurrency and hostile data (slower).
 * Without TEST_TYPE every tier matches, so `npx jest path/to/file` runs any single file.
 */
const tiers = {
  unit: ["<rootDir>/src/**/*.unit.spec.ts", "<rootDir>/integration-tests/**/*.unit.spec.ts"],
  modules: [
    "<rootDir>/src/modules/*/__tests__/**/*.spec.ts",
    "<rootDir>/integration-tests/odoo-emulator/__tests__/**/*.spec.ts",
  ],
  "integration:http": ["<rootDir>/integration-tests/http/**/*.spec.ts"],
  reliability: ["<rootDir>/integration-tests/reliability/**/*.spec.ts"],
}

module.exports = {
  transform: {
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", tsx: true, decorators: true } } },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.medusa-data/"],
  testMatch: tiers[process.env.TEST_TYPE] ?? Object.values(tiers).flat(),
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
  globalSetup: "<rootDir>/integration-tests/global-setup.mjs",
  globalTeardown: "<rootDir>/integration-tests/global-teardown.mjs",
}
