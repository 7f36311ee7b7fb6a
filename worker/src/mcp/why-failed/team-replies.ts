import { parseReplyTexts, type ReplyTexts } from '@idv-lens/shared/replies'

// The last value read, by its raw text: the variable is the same on every request of an isolate.
let last: { raw: string; texts: ReplyTexts | undefined } | undefined

/**
 * The team's customer texts for the relay (`REPLY_TEXTS`: JSON shaped like the extension policy's
 * `replyTexts`), validated as the extension validates policy: malformed keys and over-long texts are
 * dropped. Unset, empty or not JSON: none, so the built-in texts answer.
 */
export function teamReplyTexts(raw: string | undefined): ReplyTexts | undefined {
  const text = raw?.trim() ?? ''
  if (!text) return undefined
  if (last?.raw === text) return last.texts
  let texts: ReplyTexts | undefined
  try {
    texts = parseReplyTexts(JSON.parse(text))
  } catch {
    console.error(JSON.stringify({ level: 'error', msg: 'REPLY_TEXTS is not JSON: the built-in reply texts answer' }))
  }
  last = { raw: text, texts }
  return texts
}
