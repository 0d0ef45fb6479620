/**
 * Odoo's currency arithmetic, reproduced so Medusa shows the amounts Odoo would show.
 * Amounts are decimal major units (10.5 = 10.50), as Medusa v2 stores them.
 */

/** Largest amount (any currency) the sync accepts; beyond it doubles stop being exact to the cent. */
export const MAX_PRICE_AMOUNT = 1e12

// Odoo's float_invert table: exact inverses of the usual rounding steps.
const INVERSES = new Map<number, number>()
for (let exp = 1; exp <= 10; exp++) {
  INVERSES.set(Number(`1e-${exp}`), Number(`1e${exp}`))
  INVERSES.set(Number(`2e-${exp}`), Number(`5e${exp - 1}`))
  INVERSES.set(Number(`5e-${exp}`), Number(`2e${exp - 1}`))
}

/** Odoo's float_invert: 1/value with the decimal error of small steps (0.01) removed. */
function floatInvert(value: number): number {
  const known = INVERSES.get(value)
  if (known !== undefined) {
    return known
  }
  const [coefficient, exponent] = value.toExponential(15).split("e")
  return Number(`${coefficient}e${-Number(exponent)}`) / Number(coefficient) ** 2
}

/** Python 2 round(): half away from zero. */
function roundHalfAwayFromZero(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value))
}

/**
 * Odoo 18 float_round(value, precision_rounding=rounding), HALF-UP: normalise to a count of
 * rounding steps, nudge by a relative epsilon so 2.675 (stored as 2.67499…) rounds up, round
 * half away from zero, then denormalise by division so results are the closest doubles
 * (800.4, not 800.4000000000001).
 */
export function floatRound(value: number, rounding: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(rounding) || rounding <= 0) {
    throw new RangeError(`floatRound: bad input value=${value} rounding=${rounding}`)
  }
  if (value === 0) {
    return 0
  }
  const invert = rounding < 1
  const factor = invert ? floatInvert(rounding) : rounding
  const normalised = invert ? value * factor : value / factor
  const epsilon = 2 ** (Math.log2(Math.abs(normalised)) - 50)
  const steps = roundHalfAwayFromZero(normalised + Math.sign(normalised) * epsilon)
  const result = invert ? steps / factor : steps * factor
  // -0 would serialise as 0 anyway; keep hashes and comparisons simple.
  return result === 0 ? 0 : result
}

/**
 * Company-currency amount to another currency the way Odoo's res.currency._convert does it:
 * amount × rate (rate = units of the target per 1 company-currency unit), rounded to the
 * target's `rounding`. Throws RangeError on a non-finite amount or a non-positive rate/rounding.
 */
export function convertPrice(amount: number, rate: number, rounding: number): number {
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new RangeError(`convertPrice: rate must be a positive number, got ${rate}`)
  }
  return floatRound(amount * rate, rounding)
}

/** True for a usable res.currency rounding / rate. */
export function isPositiveFinite(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value) && value > 0
}
