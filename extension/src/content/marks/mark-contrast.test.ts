import { describe, expect, it } from 'vitest'
import { MARK_STYLE, MARK_STYLE_DARK } from './mark-look.ts'

/*
WCAG 1.4.11 (non-text contrast): the underline is what tells a mark from plain text, so its colour
needs 3:1 against the page behind it, on the light and the dark themes helpdesks ship.
*/

const LIGHT_PAGES = ['#ffffff', '#f8f9f9', '#f3f4f6'] // white; Zendesk's and Front's light panes
const DARK_PAGES = ['#121212', '#1f2023', '#2a2b2e'] // near-black; dark helpdesk themes' panes

type Rgb = [number, number, number]
const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** The underline's colour over `page` (a translucent colour is blended with the page first). */
function underlineOver(style: string, page: Rgb): Rgb {
  const m = /border-bottom:[^;]*rgb\((\d+) (\d+) (\d+)(?: \/ ([\d.]+))?\)/.exec(style)
  if (!m) throw new Error(`no underline colour in: ${style}`)
  const alpha = m[4] === undefined ? 1 : Number(m[4])
  return [1, 2, 3].map((i, k) => Math.round(Number(m[i]) * alpha + page[k]! * (1 - alpha))) as Rgb
}

describe('mark contrast', () => {
  it('should compute contrast as WCAG does', () => {
    expect(contrast(hex('#000000'), hex('#ffffff'))).toBeCloseTo(21, 5)
    expect(contrast(hex('#777777'), hex('#ffffff'))).toBeCloseTo(4.48, 2)
  })

  it('should underline every mark with at least 4:1 on the pages of its scheme', () => {
    for (const [style, pages] of [
      [MARK_STYLE, LIGHT_PAGES],
      [MARK_STYLE_DARK, DARK_PAGES],
    ] as const) {
      for (const page of pages) {
        const ratio = contrast(underlineOver(style, hex(page)), hex(page))
        expect(ratio, `on ${page}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(4)
      }
    }
  })

  it("should keep the underlined text readable through the tint (4.5:1 for the page's own text colour)", () => {
    // The translucent background sits under the page's text: dark text on a light page, light on a dark one.
    const tintOf = (style: string) => /background-color: rgb\((\d+) (\d+) (\d+) \/ ([\d.]+)\)/.exec(style)!
    const over = (tint: RegExpExecArray, page: Rgb): Rgb =>
      [1, 2, 3].map((i, k) => Math.round(Number(tint[i]) * Number(tint[4]) + page[k]! * (1 - Number(tint[4])))) as Rgb
    for (const page of LIGHT_PAGES) expect(contrast(over(tintOf(MARK_STYLE), hex(page)), hex('#2f3941'))).toBeGreaterThanOrEqual(4.5)
    for (const page of DARK_PAGES) expect(contrast(over(tintOf(MARK_STYLE_DARK), hex(page)), hex('#e6e6e6'))).toBeGreaterThanOrEqual(4.5)
  })
})
