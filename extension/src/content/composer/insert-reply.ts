export type InsertedReply = 'inserted' | 'no-composer' | 'refused'

/**
 * Puts `text` at the end of the ticket's reply box: the first visible editable element one of the
 * workspace's composer selectors names. Injected on the agent's click by scripting.executeScript, so
 * it is self-contained. It reads nothing of the page (not even the box's text) and writes only into
 * that box, through the editor's own input path: execCommand('insertText') fires the beforeinput and
 * input events ProseMirror, CKEditor and React listen to. A textarea that refuses it gets the text
 * and an `input` event instead; a rich editor that refuses it is left alone (the caller copies).
 */
export function insertReply(req: { selectors: readonly string[]; text: string }): InsertedReply {
  const editable = (el: Element | null): el is HTMLElement =>
    (el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable)) && el.getClientRects().length > 0
  let box: HTMLElement | null = null
  for (const selector of req.selectors) {
    let found: Element | null = null
    try {
      found = document.querySelector(selector)
    } catch {
      found = null
    }
    if (editable(found)) {
      box = found
      break
    }
  }
  if (!box) return 'no-composer'
  box.focus()
  if (box instanceof HTMLTextAreaElement) {
    box.setSelectionRange(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
    if (document.execCommand('insertText', false, req.text)) return 'inserted'
    box.setRangeText(req.text, box.selectionStart, box.selectionEnd, 'end')
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: req.text }))
    return 'inserted'
  }
  document.getSelection()?.selectAllChildren(box)
  document.getSelection()?.collapseToEnd()
  return document.execCommand('insertText', false, req.text) ? 'inserted' : 'refused'
}
