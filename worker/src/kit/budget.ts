/** The kit's budget types: a vendor's budget variables and how it reads a wait (gate/budget.ts, vendor-shape/budget-variable.ts). */
export { plausibleWait } from '../gate/budget.ts'
export { callsVariable } from '../vendor-shape/budget-variable.ts'
