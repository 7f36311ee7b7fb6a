/**
 * Reads the clipboard's text the way an offscreen document can (it never has focus, so
 * navigator.clipboard refuses it): paste into a textarea of this page, with the clipboardRead
 * permission. The textarea goes again whatever happens; null when the browser refused.
 */
export function readWithTextarea(doc: Document): string | null {
  const area = doc.createElement('textarea')
  doc.body.append(area)
  try {
    area.focus()
    return doc.execCommand('paste') ? area.value : null
  } catch {
    return null
  } finally {
    area.remove()
  }
}
