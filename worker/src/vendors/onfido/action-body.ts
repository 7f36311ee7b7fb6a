/**
 * The body of an Onfido new link: optionally when it expires, as Onfido's `link.expires_at`
 * (a minute to a week from now). Strict, so what reaches Onfido is only what the relay built.
 */
import { ONE_TIME_LINK_EXPIRY_SECONDS } from '@idv-lens/shared/api'
import { z } from 'zod'

const { min, max } = ONE_TIME_LINK_EXPIRY_SECONDS
/** When none is asked for: a day, as the extension's default for Persona's links. */
export const DEFAULT_LINK_SECONDS = 24 * 3600
const WITHIN = `must be a date-time from ${min} seconds to ${max / 86_400} days from now`

export const newLinkBody = z
  .object({
    link: z
      .object({
        expires_at: z.iso
          .datetime({ offset: true, message: WITHIN })
          .refine(
            (at) => {
              const seconds = (Date.parse(at) - Date.now()) / 1000
              return seconds >= min && seconds <= max
            },
            { message: WITHIN },
          )
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

/** The expiry sent to Onfido: the one asked for, else a day from `now`. */
export const expiryOf = (asked: string | undefined, now: number): string =>
  asked ?? new Date(now + DEFAULT_LINK_SECONDS * 1000).toISOString()
