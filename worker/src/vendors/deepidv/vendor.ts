import type { Vendor } from '../vendor.ts'
import { capped, MAX_VENDOR_MESSAGE, parseJson, positiveSeconds } from '../read-body.ts'
import { bodies } from './bodies.ts'
import { lookupDeepidvIds } from './lookup.ts'

/** deepidv: `x-api-key`, errors `{"error": "..."}`, sometimes `{"message"}` or plain text (docs/vendors/deepidv.md §1, §7). */
export const deepidv: Vendor = {
  name: 'deepidv',
  label: 'deepidv',
  keySecret: 'DEEPIDV_API_KEY',
  defaultBase: 'https://api.deepidv.com/v1',
  // 90% of deepidv's 25 calls a second and 10,000 a day (docs/vendors/deepidv.md §6).
  budgetDefaults: { windowMs: 1100, perWindow: 22, perDay: 9500 },
  authHeaders: (apiKey) => ({ 'x-api-key': apiKey }),
  errorMessage(body) {
    const json = parseJson(body) as { error?: unknown; message?: unknown } | undefined
    if (json) {
      const message = typeof json.error === 'string' ? json.error : json.message
      return typeof message === 'string' ? capped(message, MAX_VENDOR_MESSAGE) : null
    }
    const text = body.trim()
    return text && text.length <= 300 && !text.startsWith('<') ? text : null
  },
  retryAfterSeconds: (headers) => positiveSeconds(headers.get('retry-after')),
  bodies,
  lookup: lookupDeepidvIds,
}
