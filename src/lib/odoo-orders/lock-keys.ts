/** Lock keys shared by the order push, the cancellation and the customer sync. */

export const orderLockKey = (orderId: string): string => `odoo-order-push:${orderId}`

/** Partners are matched by email: two pushes (or a push and a customer sync) must not both create one. */
export const partnerLockKey = (email: string): string => `odoo-partner:${email.trim().toLowerCase()}`
