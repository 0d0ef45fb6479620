/**
 * Medusa processes beside the test's own: `medusa start` as a server or a worker, and the sync
 * CLI (`medusa exec`), each in its own process group with its output collected, as a deployment
 * with several instances runs them.
 */
import { spawn, type ChildProcess } from "node:child_process"
import { createServer } from "node:net"
import path from "node:path"

const projectDir = path.resolve(__dirname, "../..")
const medusaBin = path.join(projectDir, "node_modules/.bin/medusa")

export type MedusaProcess = {
  name: string
  child: ChildProcess
  /** Everything it printed so far (stdout and stderr). */
  output: () => string
  exited: Promise<number | null>
  /** SIGKILL to its whole process group. */
  kill: () => Promise<void>
}

function launch(name: string, args: string[], env: NodeJS.ProcessEnv): MedusaProcess {
  const child = spawn(medusaBin, args, { cwd: projectDir, env, stdio: ["ignore", "pipe", "pipe"], detached: true })
  let output = ""
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)))
  return {
    name,
    child,
    output: () => output,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, "SIGKILL")
        } catch {
          // already gone
        }
        await exited
      }
    },
  }
}

/** A free port on 127.0.0.1 for a server of its own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** `medusa start` on `port`, resolved once /health answers (or rejected with its output). */
export async function startMedusa(name: string, port: number, env: NodeJS.ProcessEnv, bootMs = 180_000): Promise<MedusaProcess> {
  const medusa = launch(name, ["start", "--port", String(port)], { ...env, PORT: String(port) })
  const deadline = Date.now() + bootMs
  let exitCode: number | null | undefined
  void medusa.exited.then((code) => (exitCode = code))
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${name} exited with ${exitCode} before answering /health:\n${medusa.output().slice(-4000)}`)
    }
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (response) => response.ok,
      () => false
    )
    if (healthy) return medusa
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  await medusa.kill()
  throw new Error(`${name} did not answer /health within ${bootMs / 1000} s:\n${medusa.output().slice(-4000)}`)
}

/** `npm run sync` as the CLI runs it: `medusa exec ./src/scripts/sync-products.ts [words]`. */
export function startSyncCli(name: string, env: NodeJS.ProcessEnv, words: string[] = []): MedusaProcess {
  return launch(name, ["exec", "./src/scripts/sync-products.ts", ...words], env)
}

/** Polls `condition` every 100 ms until it holds. */
export async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await condition()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`gave up waiting for ${what}`)
}
