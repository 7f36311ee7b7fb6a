import { z } from 'zod'

/**
 * A number variable (wrangler.toml [vars]) a vendor reads: its name, its rule with the value used when
 * it is unset, and what /healthz says when a value breaks the rule (config/parse.ts reports it and uses the default).
 */
export type NumberVariable = {
  name: string
  schema: z.ZodType<number, unknown>
  rule: string
  /** The value when unset, by the vendor's key (Stripe's test-mode keys have a lower limit); else the schema's default. */
  fallbackFor?: (apiKey: string | null) => number
}

/** A budget variable: a whole number of calls from 1 to `max`, `fallback` when unset. */
export const callsVariable = (name: string, max: number, fallback: number): NumberVariable => ({
  name,
  schema: z.coerce.number().int().min(1).max(max).default(fallback),
  rule: `must be a whole number from 1 to ${max}`,
})
