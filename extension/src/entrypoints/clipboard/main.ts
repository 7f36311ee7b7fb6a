import { browser } from '#imports'
import { fromOurBackground, MAX_COPY_CHARS, onOffscreenMessage } from '../../lib/offscreen-messages.ts'
import { writeWithTextarea } from './write-with-textarea.ts'

onOffscreenMessage('writeClipboard', ({ data, sender }) => {
  if (!fromOurBackground(sender, browser.runtime)) throw new Error('only the background writes the clipboard')
  const text = data?.text
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_COPY_CHARS) throw new Error('not a text to copy')
  return writeWithTextarea(document, text)
})
