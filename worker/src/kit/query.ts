/** The kit's query helpers: a vendor's routes validate and canonicalise their parameters with these (validation/query.ts). */
export {
  canonicalQuery,
  commaList,
  intInRange,
  isoDate,
  oneOf,
  querySchema,
  refineQuery,
  satisfying,
  validHeaders,
  validId,
  validQuery,
} from '../validation/query.ts'
export { jsonBodyOnly } from '../validation/json-body.ts'
