// The demo's Odoo: `npm run demo` records the emulator it synced from in .medusa-data/demo-odoo.json,
// and `npm run dev` / `npm run sync` start that emulator again (same catalog, same API key) when
// no Odoo is configured, so the admin stays connected to the demo's Odoo. A second command
// reuses the emulator the first one started.
import { spawn } from "node:child_process"
import { existsSync, readFileSync } from "node:fs"
import path from "node:path"

export const ODOO_CONNECTION_VARIABLES = ["ODOO_URL", "ODOO_DB_NAME", "ODOO_USERNAME", "ODOO_API_KEY"]

/** Written by scripts/demo.ts. */
export function demoOdooFile(projectDir) {
  return path.join(projectDir, ".medusa-data", "demo-odoo.json")
}

function readDemoOdoo(projectDir) {
  const file = demoOdooFile(projectDir)
  if (!existsSync(file)) return null
  try {
    return JSON.parse(readFileSync(file, "utf8"))
  } catch {
    return null
  }
}

function variablesFor(demo, url) {
  return { ODOO_URL: url, ODOO_DB_NAME: demo.db, ODOO_USERNAME: demo.login, ODOO_API_KEY: demo.apiKey }
}

/** Whether an Odoo emulator already answers at `url` with the demo's key (the first command's). */
async function answersAsDemo(demo, url) {
  try {
    const response = await fetch(`${url}/jsonrpc`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        method: "call",
        id: 1,
        params: { service: "common", method: "authenticate", args: [demo.db, demo.login, demo.apiKey, {}] },
      }),
      signal: AbortSignal.timeout(1000),
    })
    const body = await response.json()
    return typeof body.result === "number"
  } catch {
    return false
  }
}

/**
 * Starts the demo's emulator when the demo configured one and `env` has no Odoo of its own.
 * Returns the ODOO_* variables to add and a stop function, or null.
 */
export async function startDemoOdoo({ projectDir, env, log }) {
  if (ODOO_CONNECTION_VARIABLES.some((name) => env[name] && env[name].trim() !== "")) return null
  const demo = readDemoOdoo(projectDir)
  if (!demo) return null
  const knownUrl = `http://127.0.0.1:${demo.port}`
  if (await answersAsDemo(demo, knownUrl)) {
    log(`using the demo's Odoo emulator at ${knownUrl} (started by another command)`)
    return { variables: variablesFor(demo, knownUrl), stop: async () => {} }
  }
  const tsNode = path.join(projectDir, "node_modules", ".bin", "ts-node")
  const cli = path.join(projectDir, "integration-tests", "odoo-emulator", "cli.ts")
  const args = ["--transpile-only", cli, "--generate", String(demo.templates), "--seed", String(demo.seed), "--api-key", demo.apiKey]
  const tryStart = (port) =>
    new Promise((resolve, reject) => {
      const child = spawn(tsNode, [...args, "--port", String(port)], { cwd: projectDir, stdio: ["ignore", "pipe", "pipe"] })
      let output = ""
      const onData = (chunk) => {
        output += chunk.toString()
        const url = /^ODOO_URL=(\S+)$/m.exec(output)?.[1]
        if (url) {
          child.stdout.off("data", onData)
          child.stdout.resume()
          resolve({ child, url })
        }
      }
      child.stdout.on("data", onData)
      child.stderr.on("data", (chunk) => (output += chunk.toString()))
      child.once("exit", (code) => reject(new Error(output.trim() || `the emulator exited with code ${code}`)))
    })
  let started
  try {
    started = await tryStart(demo.port)
  } catch {
    // The demo's port is taken by something else: any free port will do.
    started = await tryStart(0)
  }
  log(`Odoo: the demo's emulator (${demo.templates} generated templates) at ${started.url}`)
  return {
    variables: variablesFor(demo, started.url),
    stop: () =>
      new Promise((resolve) => {
        if (started.child.exitCode !== null) return resolve()
        started.child.once("exit", () => resolve())
        started.child.kill("SIGTERM")
      }),
  }
}
