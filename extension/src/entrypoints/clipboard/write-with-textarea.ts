/**
 * Chrome's way for an offscreen document, which never has focus (so navigator.clipboard refuses
 * it): select the text in a textarea of this page and run the copy command. The textarea goes
 * again whatever happens. This is our own page: no site's script is in it.
 */
export function writeWithTextarea(doc: Document, text: string): boolean {
  const area = doc.createElement('textarea')
  area.value = text
  doc.body.append(area)
  try {
    area.select()
    return doc.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}
