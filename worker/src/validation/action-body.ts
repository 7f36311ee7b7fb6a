import { bodyLimit } from 'hono/body-limit'
import { capped } from '../bodies/read-body.ts'
import { ApiError } from '../errors.ts'

const MAX_ACTION_BODY_BYTES = 1024

/** Every agent action's body limit: 413 past 1 KB, before the body is read. */
export const actionBodyLimit = bodyLimit({
  maxSize: MAX_ACTION_BODY_BYTES,
  onError: () => {
    throw new ApiError('payload-too-large', `An action's body must be at most ${MAX_ACTION_BODY_BYTES} bytes.`)
  },
})

type Issue = { path?: readonly (PropertyKey | { key: PropertyKey })[]; message: string; keys?: string[] }

/** An action body's refusal: names the member that is wrong (`meta.tag-name`), never its value. */
export function rejectActionBody(result: { success: boolean; error?: readonly Issue[] }): void {
  if (result.success) return
  const issue = result.error?.[0]
  const path = (issue?.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p))
  const member = capped([...path, ...(issue?.keys?.slice(0, 1) ?? [])].join('.'), 64) ?? ''
  const message = issue?.keys ? 'is not a member this body takes' : (issue?.message ?? 'is invalid')
  if (!member) throw new ApiError('bad-request', 'The body must be a JSON object.', { parameter: 'body' })
  throw new ApiError('bad-request', `The body member ${member} ${message}.`, { parameter: member })
}
