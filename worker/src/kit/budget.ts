/** The kit's budget types: a vendor's budget variables and how it reads a wait (gate/budget.ts, config/budget-variable.ts). */
export { plausibleWait } from '../gate/budget.ts'
export { callsVariable, type NumberVariable } from '../config/budget-variable.ts'
