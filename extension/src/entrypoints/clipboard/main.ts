import { browser } from '#imports'
import { fromOurBackground, MAX_COPY_CHARS, onOffscreenMessage } from '../../lib/offscreen-messages.ts'
import { readWithTextarea } from './read-with-textarea.ts'
import { writeWithTextarea } from './write-with-textarea.ts'

/** The text a message asks about: one of ours (the background's), within the copy's bound. */
function textOf(sender: Parameters<typeof fromOurBackground>[0], data: { text?: unknown } | undefined): string {
  if (!fromOurBackground(sender, browser.runtime)) throw new Error('only the background uses the clipboard page')
  const text = data?.text
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_COPY_CHARS) throw new Error('not a text to copy')
  return text
}

onOffscreenMessage('writeClipboard', ({ data, sender }) => writeWithTextarea(document, textOf(sender, data)))

// What was read is compared here and dropped: the background learns only whether our copy is still there.
onOffscreenMessage('clipboardHolds', ({ data, sender }) => {
  const text = textOf(sender, data)
  const now = readWithTextarea(document)
  return now === null ? null : now === text
})
