/** A computed colour: sRGB channels 0-255 (NaN when it is in another colour space) and alpha 0-1. */
export type Rgba = readonly [r: number, g: number, b: number, a: number]

export const TRANSPARENT: Rgba = [0, 0, 0, 0]

/**
 * A computed colour value: `rgb()`/`rgba()` in full; of any other function (`oklch()`, `color()`)
 * the alpha only. Null when it cannot be read: nothing is judged from it then.
 */
export function parseColour(value: string): Rgba | null {
  const v = value.trim()
  if (v === 'transparent') return TRANSPARENT
  const fn = /^([a-z-]+)\((.*)\)$/.exec(v)
  if (!fn) return null
  const [, name, args] = fn as unknown as [string, string, string]
  const [channels, slashAlpha] = args.split('/') as [string, string?]
  const parts = channels.split(/[\s,]+/).filter(Boolean)
  const alphaText = slashAlpha ?? (name === 'rgba' || (name === 'rgb' && parts.length === 4) ? parts[3] : undefined)
  const alpha = alphaText === undefined ? 1 : alphaText.trim().endsWith('%') ? parseFloat(alphaText) / 100 : parseFloat(alphaText)
  if (Number.isNaN(alpha)) return null
  const rgb = name === 'rgb' || name === 'rgba' ? parts.slice(0, 3).map(Number) : [NaN, NaN, NaN]
  return [rgb[0]!, rgb[1]!, rgb[2]!, alpha]
}

/** `top` painted over `under` (source-over, in sRGB as browsers blend). */
export function over(top: Rgba, under: Rgba): Rgba {
  const a = top[3] + under[3] * (1 - top[3])
  if (a === 0) return TRANSPARENT
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a
  return [mix(0), mix(1), mix(2), a]
}

const linear = (c: number) => {
  const s = c / 255
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}
/** The relative luminance (WCAG) of an sRGB colour: 0 (black) to 1 (white). */
export const luminance = ([r, g, b]: Rgba) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)

/** Below this luminance a background contrasts more with white than with black: a dark one (sqrt(1.05 x 0.05) - 0.05). */
const DARK_BELOW = 0.179

/** The scheme a background belongs to: dark when light text reads better on it than dark text. */
export const schemeOf = (bg: Rgba): 'light' | 'dark' => (luminance(bg) < DARK_BELOW ? 'dark' : 'light')

/** The WCAG contrast ratio of two opaque colours: 1 (the same) to 21 (black on white); NaN when either is in another colour space. */
export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}
