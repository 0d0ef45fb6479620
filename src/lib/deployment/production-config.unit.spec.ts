import { assertSafeProductionConfig, unsafeProductionSettings } from "./production-config"

const SAFE = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://medusa@db.internal:5432/medusa",
  JWT_SECRET: "a-long-random-jwt-secret-value-0123456789",
  COOKIE_SECRET: "a-long-random-cookie-secret-value-0123456789",
  STORE_CORS: "https://shop.example.com",
  ADMIN_CORS: "https://admin.example.com",
  AUTH_CORS: "https://admin.example.com,https://shop.example.com",
}

describe("production configuration", () => {
  it("accepts a complete production environment", () => {
    expect(unsafeProductionSettings(SAFE)).toEqual([])
    expect(() => assertSafeProductionConfig(SAFE)).not.toThrow()
  })

  it("asks nothing outside production: the dev defaults stay for local use", () => {
    expect(unsafeProductionSettings({})).toEqual([])
    expect(unsafeProductionSettings({ NODE_ENV: "development" })).toEqual([])
    expect(unsafeProductionSettings({ NODE_ENV: "test" })).toEqual([])
  })

  it("names each missing or default setting in one error", () => {
    const env = { ...SAFE, DATABASE_URL: "", JWT_SECRET: undefined, COOKIE_SECRET: "supersecret", ADMIN_CORS: " " }
    const problems = unsafeProductionSettings(env)
    expect(problems).toHaveLength(4)
    expect(problems[0]).toMatch(/^DATABASE_URL is not set/)
    expect(problems[1]).toMatch(/^JWT_SECRET is not set/)
    expect(problems[2]).toMatch(/^COOKIE_SECRET is the development default/)
    expect(problems[3]).toMatch(/^ADMIN_CORS is not set/)
    expect(() => assertSafeProductionConfig(env)).toThrow(
      /^Refusing to start in production mode \(NODE_ENV=production\) with unsafe configuration: DATABASE_URL is not set.*JWT_SECRET.*COOKIE_SECRET.*ADMIN_CORS/
    )
  })

  it("does not ask CORS of a worker, which serves no API", () => {
    const worker = { ...SAFE, MEDUSA_WORKER_MODE: "worker", STORE_CORS: "", ADMIN_CORS: "", AUTH_CORS: "" }
    expect(unsafeProductionSettings(worker)).toEqual([])
    expect(unsafeProductionSettings({ ...worker, MEDUSA_WORKER_MODE: "server" })).toHaveLength(3)
  })
})
