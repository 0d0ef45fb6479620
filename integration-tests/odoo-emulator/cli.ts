/**
 * Standalone Odoo emulator:
 *   ts-node --transpile-only integration-tests/odoo-emulator/cli.ts [--port N] [--host H]
 *     [--fixture FILE | --generate TEMPLATES [--seed S]] [--write-fixture FILE] [--api-key KEY]
 * Serves until SIGINT/SIGTERM; prints the ODOO_* lines to paste into .env, and the users.
 * The default port is not Odoo's 8069, where a real Odoo usually runs.
 */
import fs from "node:fs"
import { generateCatalog, startOdooEmulator, type OdooEmulatorOptions } from "./index"

interface CliArguments {
  port: number
  host: string
  fixture?: string
  generate?: number
  seed?: number
  writeFixture?: string
  apiKey?: string
  /** The Odoo version to answer as ("19.0": JSON-2 as well as JSON-RPC). */
  odooVersion?: string
}

export const DEFAULT_EMULATOR_PORT = 8169

const USAGE = `usage: npm run emulator -- [--port ${DEFAULT_EMULATOR_PORT}] [--host 127.0.0.1] [--fixture FILE | --generate TEMPLATES [--seed S]] [--write-fixture FILE] [--api-key KEY] [--version 16.0|17.0|18.0|19.0]\n`

function parseArguments(argv: string[]): CliArguments {
  const parsed: CliArguments = { port: DEFAULT_EMULATOR_PORT, host: "127.0.0.1" }
  for (let index = 0; index < argv.length; index++) {
    const [flag, inline] = argv[index].split("=", 2)
    const value = (): string => {
      const next = inline ?? argv[++index]
      if (next === undefined) throw new Error(`${flag} needs a value`)
      return next
    }
    const integer = (): number => {
      const text = value()
      if (!/^\d+$/.test(text)) throw new Error(`${flag} expects a non-negative integer, got ${text}`)
      return Number(text)
    }
    switch (flag) {
      case "--port":
        parsed.port = integer()
        break
      case "--host":
        parsed.host = value()
        break
      case "--fixture":
        parsed.fixture = value()
        break
      case "--generate":
        parsed.generate = integer()
        break
      case "--seed":
        parsed.seed = integer()
        break
      case "--write-fixture":
        parsed.writeFixture = value()
        break
      case "--api-key":
        parsed.apiKey = value()
        break
      case "--version":
        parsed.odooVersion = value()
        break
      case "--help":
      case "-h":
        process.stdout.write(USAGE)
        process.exit(0)
        break
      default:
        throw new Error(`unknown argument ${argv[index]}`)
    }
  }
  if (parsed.fixture && parsed.generate !== undefined) throw new Error("--fixture and --generate are exclusive")
  return parsed
}

/** The .env lines that point Medusa at `emulator` as its admin user. */
export function odooEnvironmentLines(emulator: { url: string; db: string; admin: { login: string; apiKey: string } }): string[] {
  return [
    `ODOO_URL=${emulator.url}`,
    `ODOO_DB_NAME=${emulator.db}`,
    `ODOO_USERNAME=${emulator.admin.login}`,
    `ODOO_API_KEY=${emulator.admin.apiKey}`,
  ]
}

async function main(): Promise<void> {
  let args: CliArguments
  try {
    args = parseArguments(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    process.exit(2)
  }
  const options: OdooEmulatorOptions = { port: args.port, host: args.host, adminApiKey: args.apiKey, odooVersion: args.odooVersion }
  if (args.generate !== undefined) {
    const catalog = generateCatalog({ templates: args.generate, seed: args.seed })
    if (args.writeFixture) fs.writeFileSync(args.writeFixture, JSON.stringify(catalog))
    options.fixture = catalog
  } else if (args.fixture) {
    options.fixture = args.fixture
  }
  let emulator: Awaited<ReturnType<typeof startOdooEmulator>>
  try {
    emulator = await startOdooEmulator(options)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code
    if (code === "EADDRINUSE" || code === "EACCES") {
      const why = code === "EACCES" ? "needs privileges" : args.port === 8069 ? "is already in use (a real Odoo usually listens there)" : "is already in use"
      process.stderr.write(`Port ${args.port} on ${args.host} ${why}: choose another, e.g. npm run emulator -- --port ${DEFAULT_EMULATOR_PORT + 1}\n`)
      process.exit(1)
    }
    throw error
  }
  const lines = [
    `Odoo emulator (Odoo ${emulator.version}) listening on ${emulator.url}`,
    "",
    "Paste into .env (ODOO_URL is the base URL, without /jsonrpc), then restart Medusa:",
    "",
    ...odooEnvironmentLines(emulator),
    "",
    "Other users of this emulator:",
    ...Object.entries(emulator.users).map(
      ([role, user]) => `  ${role.padEnd(9)} login=${user.login} uid=${user.uid} password=${user.password} api_key=${user.apiKey}`
    ),
    "Ctrl+C to stop.",
  ]
  process.stdout.write(lines.join("\n") + "\n")
  const stop = (signal: string): void => {
    process.stdout.write(`\n${signal}: stopping (${emulator.calls.count()} calls served)\n`)
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once("SIGINT", () => stop("SIGINT"))
  process.once("SIGTERM", () => stop("SIGTERM"))
}

if (require.main === module) {
  void main()
}
