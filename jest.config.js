const fs = require("node:fs")
const path = require("node:path")
const dotenv = require("dotenv")

/**
 * Tests never depend on a developer's environment: no ODOO_* from the shell (the specs point
 * Medusa at their own emulators), and nothing from `.env`. medusa-config skips `.env` when
 * IGNORE_DOTENV is set; the Medusa CLI the specs spawn reads `.env` itself (without overriding
 * what is set), so every key of `.env` is set to "" here and reaches those processes empty.
 * `.env.test` is read; the shell's own DB_*, DATABASE_URL or REDIS_URL still count.
 */
function isolateTestEnvironment(projectDir) {
  for (const name of Object.keys(process.env)) {
    if (name.startsWith("ODOO_")) delete process.env[name]
  }
  process.env.IGNORE_DOTENV = "true"
  const read = (file) => {
    const full = path.join(projectDir, file)
    return fs.existsSync(full) ? dotenv.parse(fs.readFileSync(full)) : {}
  }
  for (const [name, value] of Object.entries(read(".env.test"))) {
    if (process.env[name] === undefined) process.env[name] = value
  }
  for (const name of Object.keys(read(".env"))) {
    if (process.env[name] === undefined) process.env[name] = ""
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
