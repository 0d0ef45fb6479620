/** The standalone emulator (`npm run emulator`): the lines a user pastes, and a taken port said plainly. */
import { spawn } from "node:child_process"
import { createServer, type Server } from "node:net"
import path from "node:path"

jest.setTimeout(60 * 1000)

const projectDir = path.resolve(__dirname, "../../..")
const cli = path.join(projectDir, "integration-tests/odoo-emulator/cli.ts")
const tsNode = path.join(projectDir, "node_modules/.bin/ts-node")

/** Runs the CLI until it prints `until` (then stops it) or exits; returns what it printed and its exit code. */
function runCli(args: string[], until: RegExp): Promise<{ output: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(tsNode, ["--transpile-only", cli, ...args], { cwd: projectDir, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    const collect = (chunk: Buffer) => {
      output += chunk.toString()
      if (until.test(output)) child.kill("SIGTERM")
    }
    child.stdout.on("data", collect)
    child.stderr.on("data", collect)
    child.on("exit", (code) => resolve({ output, code }))
  })
}

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      resolve({ server, port: typeof address === "object" && address ? address.port : 0 })
    })
  })
}

describe("npm run emulator", () => {
  it("prints the four ODOO_* lines to paste, the URL without /jsonrpc, with the key it was given", async () => {
    const { output } = await runCli(["--port", "0", "--generate", "3", "--api-key", "k".repeat(40)], /Ctrl\+C/)
    const lines = Object.fromEntries(
      [...output.matchAll(/^(ODOO_[A-Z_]+)=(.*)$/gm)].map(([, name, value]) => [name, value])
    )
    expect(Object.keys(lines)).toEqual(["ODOO_URL", "ODOO_DB_NAME", "ODOO_USERNAME", "ODOO_API_KEY"])
    expect(lines.ODOO_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(lines).toMatchObject({ ODOO_DB_NAME: "odoo_medusa", ODOO_USERNAME: "admin", ODOO_API_KEY: "k".repeat(40) })
  })

  it("says plainly that the port is taken and which to try, without a stack trace", async () => {
    const { server, port } = await listen()
    try {
      const { output, code } = await runCli(["--port", String(port)], /never/)
      expect(code).toBe(1)
      expect(output.trim()).toBe(
        `Port ${port} on 127.0.0.1 is already in use: choose another, e.g. npm run emulator -- --port 8170`
      )
    } finally {
      server.close()
    }
  })

  it("does not default to Odoo's port 8069", async () => {
    const { output } = await runCli(["--help"], /never/)
    expect(output).toContain("[--port 8169]")
  })
})
