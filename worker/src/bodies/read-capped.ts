import type { VendorName } from '@idv-lens/shared/api'
import { ApiError } from '../errors.ts'
import type { RoomLease } from './byte-budget.ts'

/** The largest vendor body the relay reads: more is refused, not buffered (an isolate has 128 MB). */
export const MAX_UPSTREAM_BYTES = 5 * 1024 * 1024

export function tooLarge(label: string, provider: VendorName, maxBytes: number): ApiError {
  return new ApiError(
    'upstream-unavailable',
    `${label} answered with a body larger than ${Math.round(maxBytes / 1024 / 1024)} MB; the relay does not pass it on.`,
    { provider },
    { upstreamStatus: 502 },
  )
}

/** The body stopped before it was read whole: its room could not grow before `signal` ended the wait. */
export class NoRoom extends Error {}

export type ReadLimits = {
  maxBytes: number
  label: string
  provider: VendorName
  /** Room held for the bytes read so far: grown before each chunk is kept, waiting while others hold it. */
  room?: RoomLease
  /** Ends a wait for room (the call's own deadline). */
  signal?: AbortSignal
}

/**
 * The body as text, read no further than `maxBytes`: a declared Content-Length over the cap is refused
 * before reading, and a body without one is cut off (and its stream cancelled) once it passes the cap.
 * With `room`, each chunk is held in it as it arrives: a body takes what it has, never a guess.
 */
export async function readCapped(res: Response, limits: ReadLimits): Promise<string> {
  const { maxBytes, label, provider, room, signal } = limits
  const declared = Number(res.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined)
    throw tooLarge(label, provider, maxBytes)
  }
  if (!res.body) return ''
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let received = 0
  let text = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(label, provider, maxBytes)
    }
    if (room && !(await room.grow(received, { signal }))) {
      await reader.cancel().catch(() => undefined)
      throw new NoRoom()
    }
    text += decoder.decode(value, { stream: true })
  }
  return text + decoder.decode()
}
