// Points the Medusa integration tests at a PostgreSQL: DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD,
// else DATABASE_URL, else localhost:5432 as postgres; when none answers, starts an embedded
// PostgreSQL for this test run, so `npm test` passes on a machine with only Node installed.
import { connect } from "node:net"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { startEmbeddedDatabase } from "../scripts/embedded-database.mjs"

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")

function answers(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 })
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("timeout", () => {
      socket.destroy()
      resolve(false)
    })
    socket.once("error", () => resolve(false))
  })
}

/** test-utils asks for SSL when the host is anything but "localhost". */
function asLocalhost(host) {
  return host === "127.0.0.1" || host === "::1" ? "localhost" : host
}

function fromDatabaseUrl(url) {
  const parsed = new URL(url)
  return {
    DB_HOST: asLocalhost(parsed.hostname),
    DB_PORT: parsed.port || "5432",
    DB_USERNAME: decodeURIComponent(parsed.username || "postgres"),
    DB_PASSWORD: decodeURIComponent(parsed.password || ""),
  }
}

export default async function globalSetup() {
  if (process.env.TEST_TYPE !== "integration:http" && process.env.TEST_TYPE !== "reliability") {
    return
  }
  const env = process.env
  const configured = env.DB_HOST
    ? {
        DB_HOST: asLocalhost(env.DB_HOST),
        DB_PORT: env.DB_PORT || "5432",
        DB_USERNAME: env.DB_USERNAME || "postgres",
        DB_PASSWORD: env.DB_PASSWORD || "",
      }
    : env.DATABASE_URL
      ? fromDatabaseUrl(env.DATABASE_URL)
      : { DB_HOST: "localhost", DB_PORT: "5432", DB_USERNAME: "postgres", DB_PASSWORD: "" }

  if (await answers(configured.DB_HOST, Number(configured.DB_PORT))) {
    Object.assign(process.env, configured)
    return
  }

  const db = await startEmbeddedDatabase({ projectDir, database: "postgres", dataDirName: "pg-test" })
  process.stdout.write(
    `\n[tests] no PostgreSQL at ${configured.DB_HOST}:${configured.DB_PORT}: started an embedded one on port ${db.port}\n`
  )
  Object.assign(process.env, {
    DB_HOST: "localhost",
    DB_PORT: String(db.port),
    DB_USERNAME: db.user,
    DB_PASSWORD: db.password,
  })
  globalThis.__EMBEDDED_POSTGRES_STOP__ = db.stop
}
