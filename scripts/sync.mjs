#!/usr/bin/env node
// `npm run sync -- --full --dry-run`: `medusa exec` refuses flags it does not know and passes only
// plain words to a script, so the flags are handed on as words (`full`, `dry-run`).
import { spawn } from "node:child_process"
import path from "node:path"
import { fileURLToPath } from "node:url"

const here = path.dirname(fileURLToPath(import.meta.url))
const words = process.argv.slice(2).map((arg) => arg.replace(/^--/, ""))
const child = spawn(
  process.execPath,
  [path.join(here, "with-database.mjs"), "--demo-odoo", "medusa", "exec", "./src/scripts/sync-products.ts", ...words],
  { stdio: "inherit" }
)
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
