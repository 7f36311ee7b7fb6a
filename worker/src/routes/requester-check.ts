/**
 * `POST /v1/requester-check`: is the value an agent typed (the ticket requester's email or name) the
 * verified person's own? The relay reads the object's value from the vendor, compares, and answers
 * `match`, `no-match` or `unknown` only. POST, so the value never sits in a URL (access logs, the
 * audit's route, browser history); neither the value sent nor the vendor's is written to the relay's
 * cache, logged, audited or answered. The object is read through the vendor gate, which may answer an
 * identical call from its few-second memory of the last one (requester-rate.ts counts checks for that).
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { validator } from 'hono-openapi'
import { canonicalId, classifyId, ID_PATTERNS } from '@idv-lens/shared/ids'
import type { RequesterCheckResponse, RequesterField } from '@idv-lens/shared/api'
import { z } from 'zod'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'
import { okBody } from '../middleware/ok-body.ts'
import { RequesterCheckResponseSchema } from '../contract/schemas.ts'
import { VENDORS, type RequesterValues } from '../vendors/index.ts'
import { kindsToAsk, readRequester } from './requester-read.ts'
import { capped } from '../bodies/read-body.ts'
import { jsonBodyOnly } from '../validation/json-body.ts'
import { idKindsInWords, withArticle } from '../validation/id-kinds.ts'
import { rememberMatch } from '../upstream/action-guard-client.ts'
import { countRequesterNoMatch } from './requester-rate.ts'

/** An email address is at most 254 characters (RFC 5321); a name gets the same room. */
export const MAX_REQUESTER_VALUE = 254
/** The body is three short members: anything much larger is refused before it is parsed. */
const MAX_BODY_BYTES = 2048

/** The ID kinds some vendor reads a requester from, and how a refusal names them ("an inq_ ID or a … session UUID"). */
const CHECKABLE = Object.values(VENDORS).flatMap((vendor) => vendor.requester?.kinds ?? [])
export const CHECKABLE_IN_WORDS = idKindsInWords(
  (prefixes) => `an ${prefixes} ID`,
  (label, noun) => `${withArticle(label)} ${noun}`,
  ID_PATTERNS.filter((p) => CHECKABLE.includes(p.kind)),
)

const requesterCheckBody = z
  .object({
    id: z
      .string({ message: `must be ${CHECKABLE_IN_WORDS}` })
      .max(80, { message: `must be ${CHECKABLE_IN_WORDS}` })
      .meta({ description: `The object whose person is asked about: ${CHECKABLE_IN_WORDS}.` }),
    field: z.enum(['email', 'name', 'phone', 'birthdate'], { message: 'must be email, name, phone or birthdate' }),
    value: z
      .string({ message: 'must be a string' })
      .min(1, { message: 'must not be empty' })
      .max(MAX_REQUESTER_VALUE, { message: `must be at most ${MAX_REQUESTER_VALUE} characters` })
      .meta({ description: 'What the agent typed. Compared and dropped: never stored, logged or answered.' }),
  })
  .strict()

type Issue = { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string; keys?: string[] }

/** Names the member that is wrong, never its value (the value is personal data). */
function rejectBody(result: { success: boolean; error?: readonly Issue[] }) {
  if (result.success) return
  const issue = result.error?.[0]
  const first = issue?.path?.[0]
  const member = capped(String((typeof first === 'object' ? first.key : first) ?? issue?.keys?.[0] ?? ''), 64) ?? ''
  const message = issue?.keys
    ? 'is not a member this body takes'
    : issue?.message && !member
      ? 'must be a JSON object'
      : (issue?.message ?? 'is invalid')
  throw new ApiError(
    'bad-request',
    member ? `The body member ${member} ${message}.` : 'The body must be a JSON object with id, field and value.',
    {
      parameter: member || 'body',
    },
  )
}

/** Case, width and compatibility forms folded (NFKC), surrounding and repeated whitespace dropped. */
const folded = (value: string) => value.normalize('NFKC').toLowerCase().trim().replace(/\s+/g, ' ')

/** A name as a sorted list of words: no diacritics, no punctuation, order-insensitive. */
function nameWords(value: string): string {
  return (
    folded(value)
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      // O'Brien and OBrien are one word; hyphens and other marks separate words.
      .replace(/['\u2019\u02bc`]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ')
      .filter(Boolean)
      .sort()
      .join(' ')
  )
}

/**
 * The comparison: emails whole (folded); names by their words, against the full name with and
 * without its middle name (a ticket rarely gives one). A field is comparable only when the object
 * holds the whole of it: the email, or both a first and a last name. Otherwise the answer is `unknown`
 * whatever was typed, so no answer tells which parts an object holds (with a first name alone, a
 * first name typed would match and say the last name is missing). The middle name is optional on
 * both sides: typing it matches only when it is the object's, which tells only who already knows it.
 */
export function compareRequester(field: RequesterField, typed: string, own: RequesterValues): RequesterCheckResponse['data']['result'] {
  if (field === 'phone') return comparePhone(typed, own.phone)
  if (field === 'birthdate') return own.birthdate ? (typed === own.birthdate.slice(0, 10) ? 'match' : 'no-match') : 'unknown'
  if (field === 'email') {
    if (!own.email) return 'unknown'
    return folded(typed) === folded(own.email) ? 'match' : 'no-match'
  }
  const { first, middle, last } = own.name
  if (!first || !last) return 'unknown'
  const words = nameWords(typed)
  if (!words) return 'no-match'
  const full = nameWords([first, middle, last].filter(Boolean).join(' '))
  const short = nameWords([first, last].join(' '))
  return words === full || words === short ? 'match' : 'no-match'
}

/** A phone number's digits, an international `00` read as `+`. */
const phoneDigits = (value: string) =>
  value
    .replace(/[^\d+]/g, '')
    .replace(/^00/, '+')
    .replace(/\D/g, '')

/**
 * Phone numbers by their digits. A number typed without its country code (`416 555 0172`, or with a
 * trunk `0`) matches when it is the held number's end, at least 7 digits, after a 1 to 3 digit code.
 */
export function comparePhone(typed: string, own: string | null): RequesterCheckResponse['data']['result'] {
  if (!own || phoneDigits(own).length < 7) return 'unknown'
  const held = phoneDigits(own)
  const digits = phoneDigits(typed)
  if (digits === held) return 'match'
  const national = typed.trim().startsWith('+') ? '' : digits.replace(/^0/, '')
  const extra = held.length - national.length
  return national.length >= 7 && extra >= 1 && extra <= 3 && held.endsWith(national) ? 'match' : 'no-match'
}

/** A birthdate is asked as `YYYY-MM-DD`: the caller turns the ticket's wording into it, never the relay's guess. */
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/

export const requesterCheckRoutes = new Hono<AppEnv>().post(
  '/',
  okBody(RequesterCheckResponseSchema),
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('payload-too-large', `The body must be at most ${MAX_BODY_BYTES} bytes.`)
    },
  }),
  jsonBodyOnly,
  validator('json', requesterCheckBody, rejectBody),
  async (c) => {
    const { id: given, field, value } = c.req.valid('json')
    if (field === 'birthdate' && !ISO_DATE.test(value.trim())) {
      throw new ApiError('bad-request', 'The body member value must be a date as YYYY-MM-DD for the field birthdate.', {
        parameter: 'value',
      })
    }
    const kind = classifyId(given)
    if (!kind || !CHECKABLE.includes(kind)) {
      throw new ApiError('bad-request', `The body member id must be ${CHECKABLE_IN_WORDS}.`, { parameter: 'id' })
    }
    const id = canonicalId(given, kind)
    // The audit records this ID (not the value): as a lookup would.
    c.set('auditIds', [id])
    const { vendor, own, record } = await readRequester(c, id, kindsToAsk(c, kind, CHECKABLE))
    const result = compareRequester(field, field === 'birthdate' ? value.trim() : value, own)
    // An email or name match lets this agent send the record a new link for 15 minutes (its vendor's
    // link action). A phone or birthdate is easier to know or guess: it unlocks nothing.
    if (result === 'match' && (field === 'email' || field === 'name'))
      await rememberMatch(c.get('config'), vendor.name, c.get('agent') ?? 'anonymous', own.confirms ?? id)
    // A few wrong values lock the record's checks for the day (requester-rate.ts): guessing stops there.
    // Also counted for the ID asked about, where it is not the record: its own lockout then refuses it before any vendor read.
    if (result === 'no-match') for (const key of new Set([record, id])) await countRequesterNoMatch(c.get('config'), vendor.name, key)
    const body: RequesterCheckResponse = { data: { id, field, result } }
    return c.json(body, 200)
  },
)
