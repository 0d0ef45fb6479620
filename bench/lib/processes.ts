/**
 * The bench's outside world: a fresh PostgreSQL database per run, Medusa's own migrations, and
 * the Odoo emulator in a child process (so the worker's RSS is Medusa's alone).
 */
import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"
import { Client } from "pg"

export const PROJECT_DIR = path.resolve(__dirname, "..", "..")
const MEDUSA = path.join(PROJECT_DIR, "node_modules", ".bin", "medusa")

/** The server to create bench databases on: DATABASE_URL's, else 127.0.0.1:5432 as postgres. */
export function serverUrl(): URL {
  const url = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres")
  url.pathname = "/postgres"
  return url
}

export function databaseUrl(name: string): string {
  const url = serverUrl()
  url.pathname = `/${name}`
  return url.toString()
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl().toString() })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

export async function createDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`CREATE DATABASE "${name}"`))
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

/** Runs a command, its output prefixed; rejects on a non-zero exit. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv, label: string, quiet = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_DIR, env, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      if (!quiet) process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `[${label}] `))
    }
    child.stdout!.on("data", collect)
    child.stderr!.on("data", collect)
    child.on("error", reject)
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${label} exited with ${code ?? signal}\n${output.slice(-4000)}`))
    )
  })
}

/** `medusa db:migrate` on the bench database, with the Odoo module configured (its tables too). */
export function migrate(env: NodeJS.ProcessEnv): Promise<void> {
  return run(MEDUSA, ["db:migrate"], env, "migrate", true)
}

export type EmulatorProcess = {
  url: string
  db: string
  login: string
  apiKey: string
  pid: number | undefined
  stop(): Promise<void>
}

/** Starts `integration-tests/odoo-emulator/cli.ts --generate N --seed S` and reads its banner. */
export function startEmulatorProcess(templates: number, seed: number, fixture?: string): Promise<EmulatorProcess> {
  const cli = path.join(PROJECT_DIR, "integration-tests", "odoo-emulator", "cli.ts")
  const data = fixture ? ["--fixture", fixture] : ["--generate", String(templates), "--seed", String(seed)]
  const child: ChildProcess = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", cli, ...data, "--port", "0"],
    { cwd: PROJECT_DIR, env: process.env, stdio: ["ignore", "pipe", "pipe"] }
  )
  let banner = ""
  let errors = ""
  child.stderr!.on("data", (chunk: Buffer) => (errors += chunk.toString()))
  const alive = (): boolean => {
    try {
      process.kill(child.pid!, 0)
      return true
    } catch {
      return false
    }
  }
  // Polls rather than waiting for "exit" alone: SIGTERM, then SIGKILL after 5 s.
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || !alive()) return resolve()
      child.kill("SIGTERM")
      const started = Date.now()
      const poll = setInterval(() => {
        if (child.exitCode !== null || child.signalCode !== null || !alive()) {
          clearInterval(poll)
          resolve()
        } else if (Date.now() - started > 5000) {
          child.kill("SIGKILL")
        }
      }, 100)
    })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`the emulator did not start in 120 s\n${banner}${errors}`))
    }, 120_000)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the emulator exited with ${code}\n${banner}${errors}`))
    })
    child.stdout!.on("data", (chunk: Buffer) => {
      banner += chunk.toString()
      // The CLI's banner: "listening on <url>[/jsonrpc]", and the database as a line or as ODOO_DB_NAME.
      const url = /listening on (http\S+?)(?:\/jsonrpc)?(?:\s|$)/.exec(banner)?.[1]
      const db = (/^database: (\S+)/m.exec(banner) ?? /^ODOO_DB_NAME=(\S+)/m.exec(banner))?.[1]
      const admin = /^\s*admin\s+login=(\S+) uid=\d+ password=\S+ api_key=(\S+)/m.exec(banner)
      if (url && db && admin) {
        clearTimeout(timer)
        child.removeAllListeners("exit")
        resolve({ url, db, login: admin[1], apiKey: admin[2], pid: child.pid, stop })
      }
    })
  })
}
