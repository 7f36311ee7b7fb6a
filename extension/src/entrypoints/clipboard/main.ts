import { browser } from '#imports'
import { MAX_COPY_CHARS, onOffscreenMessage } from '../../lib/offscreen-messages.ts'
import { writeWithTextarea } from './write-with-textarea.ts'

// Only our background asks: a content script's message reaches this page too, and is refused.
onOffscreenMessage('writeClipboard', ({ data, sender }) => {
  if (sender.id !== browser.runtime.id || sender.tab || sender.url !== browser.runtime.getURL('/background.js')) throw new Error('only the background writes the clipboard')
  const text = data?.text
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_COPY_CHARS) throw new Error('not a text to copy')
  return writeWithTextarea(document, text)
})
