/**
 * Which wire protocol the client speaks (ODOO_PROTOCOL): `jsonrpc` (`/jsonrpc`, Odoo 16 to 19;
 * deprecated by 19, to be removed in 22), `json2` (Odoo 19's JSON-2 API), or `auto`: JSON-2 when
 * the server has it, asked once on the first call. Odoo before 19 answers `/json/2` with a 303 to
 * its login page (or a 404): then JSON-RPC.
 */
import { isOdooError } from "./errors"
import { Json2Transport } from "./json2-transport"
import { JsonRpcTransport } from "./json-rpc-transport"
import { createRedactor, Redactor } from "./redact"
import type { OdooRequest, OdooTransport, OdooTransportStats } from "./transport"

export const ODOO_PROTOCOLS = ["auto", "json2", "jsonrpc"] as const
export type OdooProtocol = (typeof ODOO_PROTOCOLS)[number]

export interface TransportSettings {
  url: string
  dbName: string
  apiKey: string
  timeoutMs: number
  fetch?: typeof fetch
  redact?: Redactor
}

export function createOdooTransport(protocol: OdooProtocol, settings: TransportSettings): OdooTransport {
  if (protocol === "json2") return new Json2Transport(settings)
  if (protocol === "jsonrpc") return new JsonRpcTransport(settings)
  return new AutoDetectingTransport(settings)
}

/** Whether `url` serves JSON-2: anything but a redirect, a 404 or an HTML page means yes. */
export async function serverHasJson2(settings: TransportSettings): Promise<boolean> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs)
  try {
    const response = await (settings.fetch ?? fetch)(`${settings.url.replace(/\/+$/, "")}/json/2/res.users/context_get`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", authorization: `bearer ${settings.apiKey}` },
      body: "{}",
      redirect: "manual",
      signal: controller.signal,
    })
    await response.arrayBuffer()
    const contentType = response.headers.get("content-type") ?? ""
    return !(response.status >= 300 && response.status < 400) && response.status !== 404 && /json/i.test(contentType)
  } finally {
    clearTimeout(timer)
  }
}

/** Picks JSON-2 or JSON-RPC on its first call; a failed probe is tried again on the next call. */
export class AutoDetectingTransport implements OdooTransport {
  private chosen?: Promise<OdooTransport>
  private current?: OdooTransport
  private readonly settings: TransportSettings

  constructor(settings: TransportSettings) {
    this.settings = { ...settings, redact: settings.redact ?? createRedactor([settings.apiKey]) }
  }

  /** The protocol chosen, once a call has been made. */
  get protocol(): "json2" | "jsonrpc" | undefined {
    return this.current instanceof Json2Transport ? "json2" : this.current ? "jsonrpc" : undefined
  }

  async call(request: OdooRequest): Promise<unknown> {
    const transport = await this.transport()
    try {
      return await transport.call(request)
    } catch (error) {
      // JSON-2 chosen, and now answered by a redirect or a 404: the server at this URL changed
      // (a restore or a downgrade to Odoo 18 or older). Ask again, once.
      if (!(transport instanceof Json2Transport && isOdooError(error) && (error.httpStatus === 303 || error.httpStatus === 404) && !error.odooName)) throw error
      this.chosen = undefined
      return (await this.transport()).call(request)
    }
  }

  stats(): OdooTransportStats {
    return this.current?.stats() ?? { requests: 0, failures: 0, bytesSent: 0, bytesReceived: 0, byCall: {} }
  }

  private transport(): Promise<OdooTransport> {
    this.chosen ??= serverHasJson2(this.settings).then(
      (json2) => {
        this.current = json2 ? new Json2Transport(this.settings) : new JsonRpcTransport(this.settings)
        return this.current
      },
      () => {
        // Unreachable or timed out: JSON-RPC reports it as a typed error; probe again next time.
        this.chosen = undefined
        return new JsonRpcTransport(this.settings)
      }
    )
    return this.chosen
  }
}
