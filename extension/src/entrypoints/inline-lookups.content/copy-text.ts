/**
 * Copies text from a click in our card. The async clipboard API works on most pages; where the
 * page's permissions policy blocks it, a textarea inside our own shadow root (never the page's
 * tree) and execCommand do the job.
 */
export async function copyText(text: string, root: Node): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // fall through
  }
  if (!(root instanceof ShadowRoot)) return false
  const active = root.activeElement as HTMLElement | null
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;pointer-events:none'
  root.append(area)
  area.select()
  let ok = false
  try {
    ok = document.execCommand('copy')
  } catch {
    ok = false
  }
  area.remove()
  active?.focus()
  return ok
}
