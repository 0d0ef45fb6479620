#!/usr/bin/env node
// Runs a command with DATABASE_URL set. When DATABASE_URL is configured (environment or .env)
// the command runs as it is; otherwise an embedded PostgreSQL is started for it, migrated on
// first use, and stopped when the command ends. In production (NODE_ENV=production, or unset
// for `medusa start`, which defaults to production) a missing DATABASE_URL is an error: an
// embedded database inside a container is lost at the next deploy.
// Usage: node scripts/with-database.mjs [--migrate] [--cwd DIR] <command> [args...]
//   --migrate  run `medusa db:migrate` before the command (always; otherwise only for a new
//              embedded database)
//   --cwd DIR  run in DIR (the build output), with the project's .env passed on, since the
//              build has no .env of its own
//   --demo-odoo  when no Odoo is configured and `npm run demo` recorded its emulator, start that
//              emulator for the command (development only; `npm start` never does)
//   --no-auto-migrate  leave a new embedded database unmigrated (the demo migrates it itself)
import { spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import path from "node:path"
import dotenv from "dotenv"
import { startDemoOdoo } from "./demo-odoo.mjs"
import { startEmbeddedDatabase } from "./embedded-database.mjs"

const projectDir = process.cwd()

function parseArgs(argv) {
  const parsed = { migrate: false, cwd: projectDir, command: [], demoOdoo: false, autoMigrate: true }
  let i = 0
  for (; i < argv.length; i++) {
    if (argv[i] === "--migrate") parsed.migrate = true
    else if (argv[i] === "--demo-odoo") parsed.demoOdoo = true
    else if (argv[i] === "--no-auto-migrate") parsed.autoMigrate = false
    else if (argv[i] === "--cwd") parsed.cwd = path.resolve(projectDir, argv[++i])
    else break
  }
  parsed.command = argv.slice(i)
  return parsed
}

const { migrate: alwaysMigrate, cwd, command, demoOdoo, autoMigrate } = parseArgs(process.argv.slice(2))

function say(line) {
  process.stdout.write(`[database] ${line}\n`)
}

/** The environment the command gets: the project's .env under the process environment. */
function baseEnvironment() {
  const envFile = path.join(projectDir, ".env")
  const fromFile = existsSync(envFile) ? dotenv.parse(readFileSync(envFile)) : {}
  return { ...fromFile, ...process.env }
}

function run(cmd, cmdArgs, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: "inherit", env, cwd, shell: process.platform === "win32" })
    const forward = (signal) => child.kill(signal)
    process.on("SIGINT", forward)
    process.on("SIGTERM", forward)
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward)
      process.off("SIGTERM", forward)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

/** NODE_ENV as the command will see it: `medusa start` defaults it to production. */
function isProduction(env, cmd) {
  const startsMedusa = path.basename(cmd[0] ?? "") === "medusa" && cmd[1] === "start"
  return (env.NODE_ENV || (startsMedusa ? "production" : "development")) === "production"
}

function redactUrl(url) {
  try {
    const parsed = new URL(url)
    if (parsed.password) {
      parsed.password = "***"
    }
    return parsed.toString()
  } catch {
    return "(unparseable DATABASE_URL)"
  }
}

async function main() {
  if (command.length === 0) {
    say("usage: with-database.mjs [--migrate] <command> [args...]")
    return 2
  }
  if (!existsSync(cwd)) {
    say(`${path.relative(projectDir, cwd)} does not exist: run \`npm run build\` first`)
    return 1
  }
  const medusaBin = path.join(projectDir, "node_modules", ".bin", "medusa")
  const baseEnv = baseEnvironment()
  const odoo = demoOdoo && !isProduction(baseEnv, command) ? await startDemoOdoo({ projectDir, env: baseEnv, log: say }) : null
  const withOdoo = { ...baseEnv, ...(odoo?.variables ?? {}) }
  try {
    if (baseEnv.DATABASE_URL) {
      say(`using DATABASE_URL ${redactUrl(baseEnv.DATABASE_URL)}`)
      if (alwaysMigrate) {
        const migrated = await run(medusaBin, ["db:migrate"], withOdoo)
        if (migrated !== 0) return migrated
      }
      return await run(command[0], command.slice(1), withOdoo)
    }
    return await runWithEmbeddedDatabase(medusaBin, withOdoo)
  } finally {
    await odoo?.stop()
  }
}

async function runWithEmbeddedDatabase(medusaBin, baseEnv) {
  if (isProduction(baseEnv, command)) {
    say(
      "DATABASE_URL is not set. In production (NODE_ENV=production) no embedded PostgreSQL is started: " +
        "its data would be lost with the container. Set DATABASE_URL to your PostgreSQL, or run with " +
        "NODE_ENV=development for local use."
    )
    return 1
  }
  const database = process.env.EMBEDDED_DB_NAME || "medusa-odoo"
  const db = await startEmbeddedDatabase({ projectDir, database, log: say })
  say(
    db.sharedWith
      ? `using the embedded PostgreSQL another command started (process ${db.sharedWith}) at 127.0.0.1:${db.port}, database "${database}"`
      : `DATABASE_URL is not set: using embedded PostgreSQL at 127.0.0.1:${db.port}, database "${database}", data in ${db.databaseDir}`
  )
  const env = { ...baseEnv, DATABASE_URL: db.url }
  try {
    if (alwaysMigrate || (db.databaseCreated && autoMigrate)) {
      say("running migrations")
      const migrated = await run(medusaBin, ["db:migrate"], env)
      if (migrated !== 0) return migrated
    }
    return await run(command[0], command.slice(1), env)
  } finally {
    await db.stop()
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // One line that says why; the stack only when asked for (DEBUG=1).
    const message = error instanceof Error ? (process.env.DEBUG ? error.stack : error.message) : String(error)
    process.stderr.write(`[database] ${message}\n`)
    process.exit(1)
  }
)
