/** The kit's error: what a vendor's code throws to answer a problem (errors.ts). */
export { ApiError } from '../errors.ts'
