export default async function globalTeardown() {
  const stop = globalThis.__EMBEDDED_POSTGRES_STOP__
  if (typeof stop === "function") {
    await stop()
  }
}
