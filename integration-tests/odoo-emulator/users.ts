/**
 * Users, credentials and access rights. Rights are a model-level table (ir.model.access): a user
 * may perform an operation when one of their groups is listed for it; otherwise Odoo's
 * AccessError lists the groups that would allow it.
 */
import { randomBytes } from "node:crypto"
import { OdooError, accessDenied, missingRecord, unknownDatabase } from "./errors"
import type { AccessOperation, Env } from "./store"

export const GROUPS = {
  internal: "User types/Internal User",
  portal: "User types/Portal",
  public: "User types/Public",
  productCreation: "Extra Rights/Product Creation",
  contactCreation: "Extra Rights/Contact Creation",
  stockUser: "Inventory/User",
  stockManager: "Inventory/Administrator",
  accountManager: "Invoicing/Administrator",
  saleUserOwn: "Sales/User: Own Documents Only",
  saleUserAll: "Sales/User: All Documents",
  saleManager: "Sales/Administrator",
  settings: "Administration/Settings",
  accessRights: "Administration/Access Rights",
  websiteDesigner: "Website/Editor and Designer",
} as const

export interface EmulatorUser {
  uid: number
  login: string
  name: string
  /** Accepted by authenticate/login and execute_kw, like an Odoo password. */
  password: string
  /** Accepted wherever the password is (Odoo 14+ API keys). */
  apiKey: string
  groups: string[]
  partnerId: number
}

export interface EmulatorUsers {
  admin: EmulatorUser
  /** Odoo's demo internal user ("Marc Demo"): sales and inventory user, no settings. */
  demo: EmulatorUser
  /** An internal user without product, stock or settings rights beyond reading. */
  readOnly: EmulatorUser
  /** Odoo's demo portal user ("Joel Willis", login portal / password portal). */
  portal: EmulatorUser
}

/** A new API key as Odoo makes them (40 hex digits), made up at run time: no key lives in the repository. */
export function newApiKey(): string {
  return randomBytes(20).toString("hex")
}

/** The emulator's users, each with a new API key (the admin's may be given, e.g. the recorded one). */
export function defaultUsers(adminApiKey: string = newApiKey()): EmulatorUsers {
  return {
    admin: {
      uid: 2,
      login: "admin",
      name: "Mitchell Admin",
      password: "admin",
      apiKey: adminApiKey,
      groups: Object.values(GROUPS).filter((group) => group !== GROUPS.portal && group !== GROUPS.public),
      partnerId: 3,
    },
    demo: {
      uid: 6,
      login: "demo",
      name: "Marc Demo",
      password: "demo",
      apiKey: newApiKey(),
      groups: [GROUPS.internal, GROUPS.saleUserOwn, GROUPS.stockUser, GROUPS.contactCreation],
      partnerId: 7,
    },
    portal: {
      uid: 7,
      login: "portal",
      name: "Joel Willis",
      password: "portal",
      apiKey: newApiKey(),
      groups: [GROUPS.portal],
      partnerId: 8,
    },
    readOnly: {
      uid: 8,
      login: "catalog_reader",
      name: "Catalog Reader",
      password: "catalog_reader",
      apiKey: newApiKey(),
      groups: [GROUPS.internal],
      partnerId: 9,
    },
  }
}

export class UserDirectory {
  private readonly byUid = new Map<number, EmulatorUser>()

  constructor(
    readonly users: EmulatorUsers,
    readonly database: string
  ) {
    for (const user of Object.values(users)) this.byUid.set(user.uid, user)
  }

  get(uid: number): EmulatorUser | undefined {
    return this.byUid.get(uid)
  }

  all(): EmulatorUser[] {
    return [...this.byUid.values()]
  }

  checkDatabase(db: unknown): void {
    if (db !== this.database) throw unknownDatabase(String(db))
  }

  /** common.authenticate: the uid, or false for an unknown login or a wrong password. */
  authenticate(db: unknown, login: unknown, password: unknown): number | false {
    this.checkDatabase(db)
    const user = this.all().find((candidate) => candidate.login === login)
    if (!user || !matches(user, password)) return false
    return user.uid
  }

  /** security.check behind execute_kw. */
  check(db: unknown, uid: unknown, password: unknown): EmulatorUser {
    this.checkDatabase(db)
    const numericUid = typeof uid === "number" ? uid : typeof uid === "string" && /^\d+$/.test(uid) ? Number(uid) : NaN
    if (!Number.isInteger(numericUid)) {
      throw new OdooError("builtins.ValueError", `invalid literal for int() with base 10: '${String(uid)}'`)
    }
    const user = this.byUid.get(numericUid)
    if (!user) throw missingRecord("res.users", [numericUid], numericUid)
    if (!matches(user, password)) throw accessDenied()
    return user
  }
}

function matches(user: EmulatorUser, password: unknown): boolean {
  return typeof password === "string" && password !== "" && (password === user.password || password === user.apiKey)
}

const OPERATION_VERB: Record<AccessOperation, string> = {
  read: "access",
  write: "modify",
  create: "create",
  unlink: "delete",
}

/** ir.model.access check, with Odoo 18's message. */
export function checkAccess(env: Env, user: EmulatorUser | undefined, model: string, operation: AccessOperation): void {
  if (env.superuser || !user) return
  const spec = env.table(model).spec
  const allowed = spec.access[operation]
  if (allowed.some((group) => user.groups.includes(group))) return
  const groupsInfo =
    allowed.length > 0
      ? "This operation is allowed for the following groups:\n" + [...allowed].sort().map((group) => `\t- ${group}`).join("\n")
      : "No group currently allows this operation."
  throw new OdooError(
    "odoo.exceptions.AccessError",
    `You are not allowed to ${OPERATION_VERB[operation]} '${spec.description}' (${model}) records.\n\n${groupsInfo}\n\nContact your administrator to request access if necessary.`
  )
}
