import type { VendorName } from '@idv-lens/shared/api'
import { ApiError } from '../errors.ts'

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

/**
 * The body as text, read no further than `maxBytes`: a declared Content-Length over the cap is refused
 * before reading, and a body without one is cut off (and its stream cancelled) once it passes the cap.
 */
export async function readCapped(res: Response, maxBytes: number, label: string, provider: VendorName): Promise<string> {
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
    text += decoder.decode(value, { stream: true })
  }
  return text + decoder.decode()
}
