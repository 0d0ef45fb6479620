/**
 * Standalone Odoo emulator:
 *   ts-node --transpile-only integration-tests/odoo-emulator/cli.ts [--port N] [--host H]
 *     [--fixture FILE | --generate TEMPLATES [--seed S]] [--write-fixture FILE]
 * Serves until SIGINT/SIGTERM; prints the URL, database, users and API keys.
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
  /** The Odoo version to answer as ("19.0": JSON-2 as well as JSON-RPC). */
  odooVersion?: string
}

const USAGE = `usage: cli.ts [--port N] [--host 127.0.0.1] [--fixture FILE | --generate TEMPLATES [--seed S]] [--write-fixture FILE] [--version 18.0|19.0]\n`

function parseArguments(argv: string[]): CliArguments {
  const parsed: CliArguments = { port: 8069, host: "127.0.0.1" }
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

async function main(): Promise<void> {
  let args: CliArguments
  try {
    args = parseArguments(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`)
    process.exit(2)
  }
  const options: OdooEmulatorOptions = { port: args.port, host: args.host, odooVersion: args.odooVersion }
  if (args.generate !== undefined) {
    const catalog = generateCatalog({ templates: args.generate, seed: args.seed })
    if (args.writeFixture) fs.writeFileSync(args.writeFixture, JSON.stringify(catalog))
    options.fixture = catalog
  } else if (args.fixture) {
    options.fixture = args.fixture
  }
  const emulator = await startOdooEmulator(options)
  const lines = [
    `Odoo emulator (${emulator.version}) listening on ${emulator.url}/jsonrpc`,
    `database: ${emulator.db}`,
    ...Object.entries(emulator.users).map(
      ([role, user]) => `${role.padEnd(9)} login=${user.login} uid=${user.uid} password=${user.password} api_key=${user.apiKey}`
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

void main()
