import { contrast, over, parseColour, type Rgba } from './colour.ts'
import { parentOf } from './clip-boxes.ts'

/*
Whether an element's text leaves ink the agent can read, from the computed style of the element and
its ancestors: its colour and fill against the backgrounds behind it, opacity and opacity() filters,
blur() filters and masks. And whether an element the page lays over text hides it. Bounded and
simple: each element's style is read once per pass, and what cannot be told (an image behind the
text, a colour in another colour space, a mask image) hides nothing.
*/

/** Less than this share of the ink reaching the screen (colour alpha times opacities) is no text the agent reads. */
export const MIN_INK_ALPHA = 0.1
/** Text whose colour, over the backgrounds behind it, contrasts less than this with them is the colour of its background. */
export const MIN_CONTRAST = 1.2
/** A blur of more than this radius, in px (its own and its ancestors' blur() filters together), leaves no legible text. */
export const MAX_BLUR_PX = 2
/** An element over the text hides it when this much of its background reaches the screen. */
export const MIN_COVER_ALPHA = 0.9

/** What an element's painting does to the text inside it, folded from the root down. */
type Paint = {
  /** The product of its and its ancestors' opacity and opacity() filters. */
  alpha: number
  /** Its and its ancestors' blur() radii together, px (Gaussian blurs add as the root of the sum of squares). */
  blur: number
  /** It or an ancestor has a mask of gradients with no opaque stop: nothing of it shows. */
  masked: boolean
  /** The colour behind its content: its and its ancestors' backgrounds over the canvas; null when we cannot tell. */
  backdrop: Rgba | null
  /** It or an ancestor shows its background through the text (background-clip: text): a transparent fill shows that. */
  clipsBackground: boolean
}

const num = (value: string, fallback: number) => (Number.isNaN(parseFloat(value)) ? fallback : parseFloat(value))

/** The opacity() and blur() of a computed filter (other functions, url() filters: nothing). */
export function filterOf(filter: string): { opacity: number; blur: number } {
  let opacity = 1
  let blur = 0
  for (const [, name, arg] of filter.matchAll(/\b(opacity|blur)\(([^)]*)\)/g) as Iterable<[string, string, string]>) {
    if (name === 'opacity') opacity *= arg.trim().endsWith('%') ? num(arg, 100) / 100 : num(arg, 1)
    else blur = Math.hypot(blur, num(arg, 0))
  }
  return { opacity, blur }
}

/** Whether a computed mask-image lets nothing through: gradients only, every stop transparent. An image (url()) we cannot tell. */
export function masksAway(maskImage: string): boolean {
  if (!maskImage || maskImage === 'none' || /url\(|image\(|image-set\(|element\(|paint\(/.test(maskImage)) return false
  const colours = [...maskImage.matchAll(/(rgba?|color|oklch|oklab|lch|lab|hsla?|hwb)\([^()]*\)|transparent/g)].map((m) =>
    parseColour(m[0]),
  )
  return colours.length > 0 && colours.every((c) => c !== null && c[3] === 0)
}

/**
 * The canvas behind the root: dark when the page's scheme (its root's `color-scheme` or its meta,
 * which the computed style does not show) is dark only, or dark too and the agent prefers it; else
 * white. Unknown in a frame (it shows its parent).
 */
function canvasOf(view: Window, doc: Document): Rgba | null {
  if (view !== view.top) return null
  const scheme =
    view.getComputedStyle(doc.documentElement).colorScheme + doc.querySelector<HTMLMetaElement>('meta[name=color-scheme]')?.content
  const dark = /dark/.test(scheme) && (!/light/.test(scheme) || view.matchMedia('(prefers-color-scheme: dark)').matches)
  return dark ? [18, 18, 18, 1] : [255, 255, 255, 1]
}

function paintOver(view: Window, el: Element, parent: Paint): Paint {
  const style = view.getComputedStyle(el)
  // An element with display: contents makes no box: no background, opacity or filter of its own.
  if (style.display === 'contents') return parent
  const filter = filterOf(style.filter)
  const bg = parseColour(style.backgroundColor)
  const image = style.backgroundImage !== 'none'
  const clipsText = /text/.test(style.backgroundClip) && (image || (bg?.[3] ?? 0) > 0)
  return {
    alpha: parent.alpha * num(style.opacity, 1) * filter.opacity,
    blur: Math.hypot(parent.blur, filter.blur),
    masked:
      parent.masked || masksAway(style.maskImage || (style as CSSStyleDeclaration & { webkitMaskImage?: string }).webkitMaskImage || ''),
    backdrop:
      image || clipsText || !bg ? null : bg[3] >= 1 ? bg : bg[3] === 0 ? parent.backdrop : parent.backdrop && over(bg, parent.backdrop),
    clipsBackground: parent.clipsBackground || clipsText,
  }
}

/** Elements whose content covers what is under them (their pixels we cannot read). */
const REPLACED = /^(img|video|canvas|iframe|embed|object|picture)$/

/** One pass's view of the page's ink: each element's painting folded once. */
export function createInk(view: Window, doc: Document) {
  const root: Paint = { alpha: 1, blur: 0, masked: false, backdrop: canvasOf(view, doc), clipsBackground: false }
  const known = new Map<Element, Paint>()
  const covering = new Map<Element, boolean>()

  function paintOf(el: Element): Paint {
    const chain: Element[] = []
    let at: Element | null = el
    for (; at && !known.has(at); at = parentOf(at)) chain.push(at)
    let paint = at ? known.get(at)! : root
    for (let i = chain.length - 1; i >= 0; i--) known.set(chain[i]!, (paint = paintOver(view, chain[i]!, paint)))
    return paint
  }

  return {
    /** Whether `el`'s own text leaves ink the agent can read: not masked or blurred away, not transparent, not the colour of its background. */
    shows(el: Element): boolean {
      const paint = paintOf(el)
      if (paint.masked || paint.blur > MAX_BLUR_PX) return false
      if (paint.clipsBackground) return paint.alpha >= MIN_INK_ALPHA
      const style = view.getComputedStyle(el)
      const fill = parseColour(style.webkitTextFillColor || style.color)
      const stroke = num(style.webkitTextStrokeWidth, 0) > 0 ? parseColour(style.webkitTextStrokeColor) : null
      const inks = [fill, stroke].filter((c): c is Rgba => c !== null)
      if (inks.length === 0) return true
      if (Math.max(...inks.map((c) => c[3])) * paint.alpha < MIN_INK_ALPHA) return false
      const behind = paint.backdrop
      // Contrast needs both colours in sRGB: otherwise only the alpha above is judged.
      return !behind || inks.some((ink) => ink[3] > 0 && !(contrast(over(ink, behind), behind) < MIN_CONTRAST))
    },
    /** The colour behind `el`'s text: its and its ancestors' backgrounds over the canvas; null when we cannot tell (an image, a frame). */
    backdrop: (el: Element): Rgba | null => paintOf(el).backdrop,
    /** Whether `el`, laid over text, hides it: an opaque background or image, or a blur of what is behind it. */
    covers(el: Element): boolean {
      let known = covering.get(el)
      if (known === undefined) covering.set(el, (known = hides(el)))
      return known
    },
  }

  function hides(el: Element): boolean {
    const paint = paintOf(el)
    if (paint.masked) return false
    const style = view.getComputedStyle(el)
    if (filterOf(style.backdropFilter).blur > MAX_BLUR_PX) return true
    if (REPLACED.test(el.localName) || style.backgroundImage !== 'none') return paint.alpha >= MIN_COVER_ALPHA
    return (parseColour(style.backgroundColor)?.[3] ?? 0) * paint.alpha >= MIN_COVER_ALPHA
  }
}
