/*
Which frames the origin-fallback entry (entrypoints/frame-fallback.content.ts) speaks for: those the
inline-lookups entry cannot be injected into by the manifest. That entry's match_about_blank already
covers about:blank and srcdoc frames that share their parent's origin (matched by the parent's full
URL, so only inside an agent workspace); left are a sandboxed srcdoc or about:blank (an opaque
origin: Chrome matches it by its creator's origin alone, no path), a blob: frame and a data: frame.
*/

/** The frame as its own script sees it. */
export type FrameLocation = { protocol: string; origin: string; isTop: boolean }

/** Whether inline lookups may be asked for in this frame through the origin-fallback entry. */
export function isFallbackFrame({ protocol, origin, isTop }: FrameLocation): boolean {
  if (isTop) return false
  if (protocol === 'blob:' || protocol === 'data:') return true
  return protocol === 'about:' && origin === 'null'
}
