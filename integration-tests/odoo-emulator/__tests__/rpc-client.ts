/** A minimal JSON-RPC client for the emulator's own tests (raw fetch, no retries). */
import type { JsonValue } from "../types"

export interface RpcResponse {
  status: number
  contentType: string | null
  text: string
  body?: { jsonrpc: string; id: JsonValue; result?: JsonValue; error?: { code: number; message: string; data: { name: string; message: string } } }
}

let nextId = 1

export async function rpc(url: string, service: string, method: string, args: JsonValue[], init: RequestInit = {}): Promise<RpcResponse> {
  const response = await fetch(`${url}/jsonrpc`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: nextId++, params: { service, method, args } }),
    ...init,
  })
  const text = await response.text()
  let body: RpcResponse["body"]
  try {
    body = JSON.parse(text) as RpcResponse["body"]
  } catch {
    body = undefined
  }
  return { status: response.status, contentType: response.headers.get("content-type"), text, body }
}

/** execute_kw as a given user; returns the response so tests can look at result or error. */
export function executeKw(
  url: string,
  credentials: { db: string; uid: number; key: string },
  model: string,
  method: string,
  args: JsonValue[],
  kwargs: Record<string, JsonValue> = {},
  init: RequestInit = {}
): Promise<RpcResponse> {
  return rpc(url, "object", "execute_kw", [credentials.db, credentials.uid, credentials.key, model, method, args, kwargs], init)
}
