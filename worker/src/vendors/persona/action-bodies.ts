/**
 * The bodies the agent actions take, as Persona's operations document them (docs/vendors/persona.md
 * §16): each strict, each bounded, so what reaches Persona is only what the relay built from them.
 */
import { CASE_STATUSES, ONE_TIME_LINK_EXPIRY_SECONDS } from '@idv-lens/shared/api'
import { z } from 'zod'

const { min, max } = ONE_TIME_LINK_EXPIRY_SECONDS

/** A tag's name: printable, no control characters, at most 100 characters. */
const TAG_NAME = /^[^\p{Cc}\p{Cf}]{1,100}$/u
/** An email address, loosely (Persona checks that the user exists): one @, no spaces, at most 254 characters. */
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{1,60}$/

export const oneTimeLinkBody = z
  .object({
    meta: z
      .object({
        'expires-in-seconds': z
          .number({ message: 'must be a whole number of seconds' })
          .int({ message: 'must be a whole number of seconds' })
          .min(min, { message: `must be from ${min} to ${max}` })
          .max(max, { message: `must be from ${min} to ${max}` })
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

export const tagBody = z
  .object({
    meta: z
      .object({ 'tag-name': z.string({ message: 'is required' }).regex(TAG_NAME, { message: 'must be 1 to 100 printable characters' }) })
      .strict(),
  })
  .strict()

export const assignBody = z
  .object({
    meta: z
      .object({
        'user-email-address': z
          .string({ message: 'must be an email address' })
          .regex(EMAIL, { message: 'must be an email address' })
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

export const setStatusBody = z
  .object({ meta: z.object({ status: z.enum(CASE_STATUSES, { message: `must be one of ${CASE_STATUSES.join(', ')}` }) }).strict() })
  .strict()

/** The escalation takes no input: what it does is the admin's (FLAGGED_ESCALATION), never the agent's. */
export const escalateBody = z.object({}).strict()
/** A comment for Persona's audit trail (approve, decline): printable, at most 500 characters. */
const COMMENT = /^[^\p{Cc}\p{Cf}]{1,500}$/u

export const decisionBody = z
  .object({
    meta: z
      .object({
        comment: z.string({ message: 'must be text' }).regex(COMMENT, { message: 'must be 1 to 500 printable characters' }).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

/** mark-for-review documents no request body: only an empty one is taken. */
export const noBody = z.object({}).strict()
