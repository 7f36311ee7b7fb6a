/** Where a piece of text shows on a page: the middle of its first line, and its whole box. */
export type TextSpot = { x: number; y: number; box: { left: number; top: number; right: number; bottom: number } }

/** A Playwright or Puppeteer page: both run a function in the page with one argument. */
type PageLike = { evaluate(fn: (needle: string) => TextSpot, arg: string): Promise<TextSpot> }

/**
 * Finds the first text node holding `text` and measures it. Aims at the first line: an ID with
 * dashes may wrap, and the middle of its box is then between lines.
 */
export const textSpot = (page: PageLike, text: string): Promise<TextSpot> =>
  page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = (n as Text).data.indexOf(needle)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(n, at)
      range.setEnd(n, at + needle.length)
      const line = range.getClientRects()[0]!
      const box = range.getBoundingClientRect()
      return {
        x: line.left + line.width / 2,
        y: line.top + line.height / 2,
        box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
      }
    }
    throw new Error(`"${needle}" is not on the page`)
  }, text)
