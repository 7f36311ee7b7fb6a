/**
 * No image or file of a person leaves the relay. Persona bodies carry signed links to ID-document
 * photos, selfies and videos (`front-photo-url`, `photo-urls[].url`, `front-photo.url`, …) that
 * anyone holding them can open for hours (docs/vendors/persona.md §5). The tools here never show documents, so
 * the links are removed before a body is cached or sent, as deepidv's `resource_links` are.
 *
 * Two rules, applied to the whole body (`data`, `included`, and objects nested in event payloads):
 * - on `document/*`, `selfie/*` and `verification/*` objects, every attribute whose name ends in
 *   `-url`/`-urls` (in any Key-Inflection: `frontPhotoUrl`, `front_photo_url`) is dropped;
 * - anywhere, a string that is a signed link (an `X-Amz-Signature`, `Signature=` or `token=` query,
 *   which covers Persona's `access_token=`) is dropped with its key, or from its array.
 * Types, IDs, statuses and checks stay.
 */

const MEDIA_TYPE = /^(document|selfie|verification)\//
const URL_ATTRIBUTE = /(?:[-_]urls?|[a-z0-9]Urls?)$/
const SIGNED_QUERY = /[?&][^=&#]*(?:signature|token)=/i

/** True for an http(s) link whose query signs or authorizes it. */
export function isSignedLink(value: string): boolean {
  return /^https?:\/\//i.test(value) && SIGNED_QUERY.test(value)
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const DROP = Symbol('drop')

function clean(value: unknown): unknown {
  if (typeof value === 'string') return isSignedLink(value) ? DROP : value
  if (Array.isArray(value)) return value.map(clean).filter((item) => item !== DROP)
  if (!isRecord(value)) return value
  const media = typeof value.type === 'string' && MEDIA_TYPE.test(value.type) && isRecord(value.attributes)
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (media && key === 'attributes') {
      out[key] = clean(Object.fromEntries(Object.entries(inner as Record<string, unknown>).filter(([name]) => !URL_ATTRIBUTE.test(name))))
      continue
    }
    const kept = clean(inner)
    if (kept !== DROP) out[key] = kept
  }
  return out
}

/** A copy of a Persona list or retrieve body without links to a person's files. */
export function withoutPersonalFiles<T>(body: T): T {
  return clean(body) as T
}
