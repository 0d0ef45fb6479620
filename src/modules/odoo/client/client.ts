/**
 * OdooClient: Odoo's external API as model/method calls, with authentication (uid cached, one
 * re-authentication when a key stops being accepted), retries with backoff, and run statistics.
 */
import type { BackoffPolicy } from "./backoff"
import { buildOdooError, describeTarget, isOdooError, OdooCallTarget, OdooError } from "./errors"
import { createOdooTransport, type OdooProtocol } from "./transport-factory"
import { createRedactor, Redactor } from "./redact"
import { realSleep, RetryEvent, RetryPolicy, runWithRetries } from "./retry"
import { isReadOnlyCall, maySendAgain, outcomeUnknownError, provablyNotApplied } from "./retry-safety"
import { type OdooRequest, type OdooTransport, type OdooTransportStats, targetOfRequest } from "./transport"
import type {
  ContextOptions,
  FieldsGetOptions,
  OdooFieldDescription,
  OdooLogger,
  OdooRecord,
  OdooServerVersion,
  OdooValues,
  ReadOptions,
  SearchCountOptions,
  SearchOptions,
  SearchReadOptions,
} from "./types"

export interface OdooClientConfig {
  url: string
  dbName: string
  username: string
  apiKey: string
  timeoutMs?: number
  maxRetries?: number
  /** Wire protocol (ODOO_PROTOCOL); default JSON-RPC. Ignored when a transport is given. */
  protocol?: OdooProtocol
}

export interface OdooClientDependencies {
  logger?: OdooLogger
  /** Defaults to JSON-RPC over the global fetch. */
  transport?: OdooTransport
  /** Used by the default transport only. */
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  backoff?: BackoffPolicy
}

export interface OdooClientStats extends OdooTransportStats {
  retries: number
  authentications: number
  reauthentications: number
}

export const DEFAULT_TIMEOUT_MS = 30_000
export const DEFAULT_MAX_RETRIES = 3

const ACCESS_DENIED = "odoo.exceptions.AccessDenied"

/** Drops undefined entries: Odoo treats a present `null`/`false` differently from an absent key. */
function definedEntries(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined))
}

export class OdooClient {
  private readonly transport: OdooTransport
  private readonly redact: Redactor
  private readonly config: Omit<OdooClientConfig, "apiKey">
  /** A #private field: invisible to util.inspect and JSON.stringify, so logging the client is safe. */
  readonly #apiKey: string
  private readonly retryPolicy: RetryPolicy
  private readonly logger?: OdooLogger
  private uid?: number
  private pendingAuthentication?: Promise<number>
  private readonly counters = { retries: 0, authentications: 0, reauthentications: 0 }

  constructor(config: OdooClientConfig, dependencies: OdooClientDependencies = {}) {
    const { apiKey, ...withoutKey } = config
    this.config = withoutKey
    this.#apiKey = apiKey
    this.redact = createRedactor([apiKey])
    this.logger = dependencies.logger
    this.transport =
      dependencies.transport ??
      createOdooTransport(config.protocol ?? "jsonrpc", {
        url: config.url,
        dbName: config.dbName,
        apiKey,
        timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        fetch: dependencies.fetch,
        redact: this.redact,
      })
    this.retryPolicy = {
      maxRetries: config.maxRetries ?? DEFAULT_MAX_RETRIES,
      backoff: dependencies.backoff,
      sleep: dependencies.sleep ?? realSleep,
      random: dependencies.random ?? Math.random,
    }
  }

  /** `common.version`: needs no credentials. */
  async version(): Promise<OdooServerVersion> {
    const result = await this.send({ service: "common", method: "version", args: [] })
    return this.expectObject<OdooServerVersion>(result, { service: "common", method: "version" })
  }

  /** Logs in once and caches the uid; concurrent callers share one request. */
  async authenticate(): Promise<number> {
    if (this.uid !== undefined) return this.uid
    this.pendingAuthentication ??= this.requestUid().finally(() => {
      this.pendingAuthentication = undefined
    })
    return this.pendingAuthentication
  }

  async searchRead<T extends OdooRecord = OdooRecord>(model: string, options: SearchReadOptions = {}): Promise<T[]> {
    const { domain = [], fields, offset, limit, order, context } = options
    const result = await this.execute(model, "search_read", [domain], { fields, offset, limit, order, context })
    return this.expectRecords<T>(result, model, "search_read")
  }

  async read<T extends OdooRecord = OdooRecord>(
    model: string,
    ids: readonly number[],
    options: ReadOptions = {}
  ): Promise<T[]> {
    const result = await this.execute(model, "read", [ids], { fields: options.fields, context: options.context })
    return this.expectRecords<T>(result, model, "read")
  }

  async search(model: string, options: SearchOptions = {}): Promise<number[]> {
    const { domain = [], offset, limit, order, context } = options
    const result = await this.execute(model, "search", [domain], { offset, limit, order, context })
    return this.expectIds(result, { service: "object", model, method: "search" })
  }

  async searchCount(model: string, options: SearchCountOptions = {}): Promise<number> {
    const result = await this.execute(model, "search_count", [options.domain ?? []], { context: options.context })
    return this.expectId(result, { service: "object", model, method: "search_count" }, true)
  }

  async fieldsGet(
    model: string,
    options: FieldsGetOptions = {}
  ): Promise<Record<string, OdooFieldDescription>> {
    const result = await this.execute(model, "fields_get", [], {
      allfields: options.allfields,
      attributes: options.attributes,
      context: options.context,
    })
    return this.expectObject<Record<string, OdooFieldDescription>>(result, {
      service: "object",
      model,
      method: "fields_get",
    })
  }

  create(model: string, values: OdooValues, options?: ContextOptions): Promise<number>
  create(model: string, values: readonly OdooValues[], options?: ContextOptions): Promise<number[]>
  async create(
    model: string,
    values: OdooValues | readonly OdooValues[],
    options: ContextOptions = {}
  ): Promise<number | number[]> {
    const result = await this.execute(model, "create", [values], { context: options.context })
    const target: OdooCallTarget = { service: "object", model, method: "create" }
    return Array.isArray(values) ? this.expectIds(result, target) : this.expectId(result, target)
  }

  async write(
    model: string,
    ids: readonly number[],
    values: OdooValues,
    options: ContextOptions = {}
  ): Promise<boolean> {
    const result = await this.execute(model, "write", [ids, values], { context: options.context })
    if (typeof result !== "boolean") {
      throw this.unexpectedResult({ service: "object", model, method: "write" }, "a boolean", result)
    }
    return result
  }

  /** Any public model method. Names starting with `_` are refused here, as Odoo would refuse them. */
  async call<T = unknown>(
    model: string,
    method: string,
    args: readonly unknown[] = [],
    kwargs: Record<string, unknown> = {}
  ): Promise<T> {
    return (await this.execute(model, method, [...args], kwargs)) as T
  }

  stats(): OdooClientStats {
    return { ...this.transport.stats(), ...this.counters }
  }

  private async requestUid(): Promise<number> {
    const { dbName, username } = this.config
    const target: OdooCallTarget = { service: "common", method: "authenticate" }
    const args = [dbName, username, this.#apiKey, {}]
    const result = await this.send({ service: "common", method: "authenticate", args })
    if (result === false) {
      throw buildOdooError(
        {
          kind: "authentication",
          target,
          retryable: false,
          detail:
            `authentication refused for user "${username}" on database "${dbName}" ` +
            "(wrong API key, unknown login or inactive user)",
        },
        this.redact
      )
    }
    const uid = this.expectId(result, target)
    this.uid = uid
    this.counters.authentications += 1
    this.logger?.debug(`Odoo: authenticated "${username}" on database "${dbName}" as uid ${uid}`)
    return uid
  }

  /**
   * `execute_kw` with authentication. An AccessDenied (key revoked or expired since we logged in)
   * gets exactly one re-authentication and one more try; a second one is reported as is.
   */
  private async execute(
    model: string,
    method: string,
    args: unknown[],
    kwargs: Record<string, unknown>
  ): Promise<unknown> {
    const target: OdooCallTarget = { service: "object", model, method }
    if (method.startsWith("_")) throw this.privateMethodError(target)
    const cleanKwargs = definedEntries(kwargs)
    for (let reauthenticated = false; ; reauthenticated = true) {
      const uid = await this.authenticate()
      try {
        return await this.send({ service: "object", model, method, args, kwargs: cleanKwargs, uid })
      } catch (error) {
        if (reauthenticated || !isOdooError(error) || error.odooName !== ACCESS_DENIED) throw error
        if (this.uid === uid) this.uid = undefined
        this.counters.reauthentications += 1
        this.logger?.warn(`Odoo ${describeTarget(target)}: access denied for uid ${uid}, authenticating again`)
      }
    }
  }

  /**
   * One call, retried as retry-safety.ts allows: reads after any retryable failure, calls that
   * change Odoo only when Odoo provably did not apply them. A change whose outcome is unknown
   * fails with `outcomeUnknown` and is never sent twice.
   */
  private async send(request: OdooRequest): Promise<unknown> {
    const target = targetOfRequest(request)
    try {
      return await runWithRetries(
        () => this.transport.call(request),
        this.retryPolicy,
        (event) => this.noteRetry(event),
        (error) => maySendAgain(target, error)
      )
    } catch (error) {
      if (isOdooError(error) && error.retryable && !isReadOnlyCall(target) && !provablyNotApplied(error)) {
        throw outcomeUnknownError(error, this.redact)
      }
      throw error
    }
  }

  private noteRetry({ error, retryNumber, delayMs }: RetryEvent): void {
    this.counters.retries += 1
    const cause = error.reason ? `${error.kind}/${error.reason}` : error.kind
    this.logger?.debug(
      `Odoo ${describeTarget(error)}: retry ${retryNumber}/${this.retryPolicy.maxRetries} ` +
        `in ${delayMs} ms after ${cause}: ${error.message}`
    )
  }

  private privateMethodError(target: OdooCallTarget): OdooError {
    return buildOdooError(
      {
        kind: "access",
        target,
        retryable: false,
        odooName: "odoo.exceptions.AccessError",
        detail: `AccessError: Private methods (such as '${target.model}.${target.method}') cannot be called remotely.`,
      },
      this.redact
    )
  }

  private unexpectedResult(target: OdooCallTarget, expected: string, value: unknown): OdooError {
    const got = Array.isArray(value) ? "an array" : value === null ? "null" : typeof value
    return buildOdooError(
      {
        kind: "server",
        target,
        reason: "unexpected_result",
        retryable: false,
        detail: `unexpected result: expected ${expected}, got ${got}`,
      },
      this.redact
    )
  }

  private expectObject<T>(value: unknown, target: OdooCallTarget): T {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw this.unexpectedResult(target, "an object", value)
    }
    return value as T
  }

  private expectRecords<T extends OdooRecord>(value: unknown, model: string, method: string): T[] {
    const isRecordList =
      Array.isArray(value) && value.every((item) => item !== null && typeof item === "object" && !Array.isArray(item))
    if (!isRecordList) throw this.unexpectedResult({ service: "object", model, method }, "a list of records", value)
    return value as T[]
  }

  private expectId(value: unknown, target: OdooCallTarget, allowZero = false): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
      throw this.unexpectedResult(target, allowZero ? "a count" : "a record id", value)
    }
    return value
  }

  private expectIds(value: unknown, target: OdooCallTarget): number[] {
    if (!Array.isArray(value) || !value.every((id) => typeof id === "number" && Number.isInteger(id))) {
      throw this.unexpectedResult(target, "a list of ids", value)
    }
    return value as number[]
  }
}
