import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { pngHeader, rgbaPixels } from '../../test-support/png.ts'

const SIZES = [16, 32, 48, 128] as const
const built = inject('builtExtensions')

type Manifest = { icons?: Record<string, string>; action?: { default_icon?: Record<string, string> } }
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest

/** Share of the visible pixels whose channels differ by more than a hair: 0 for a grey icon. */
function colourfulShare(png: Buffer): number {
  const px = rgbaPixels(png)
  let visible = 0
  let colourful = 0
  for (let i = 0; i < px.length; i += 4) {
    if (px[i + 3]! < 16) continue
    visible++
    if (Math.max(px[i]!, px[i + 1]!, px[i + 2]!) - Math.min(px[i]!, px[i + 1]!, px[i + 2]!) > 8) colourful++
  }
  return visible === 0 ? 0 : colourful / visible
}

// One SVG (src/assets/icon.svg) rendered by @wxt-dev/auto-icons at build time.
describe('the icons', () => {
  const variants = [
    ['Chrome/Edge', built.chrome],
    ['Firefox', built.firefox],
    ['development', built.chromeDev],
  ] as const

  it.each(variants)('should name every size in the %s manifest, for the extension and the toolbar button', (_, dir) => {
    const manifest = manifestOf(dir)
    const expected = Object.fromEntries(SIZES.map((s) => [String(s), `icons/${s}.png`]))
    expect(manifest.icons).toEqual(expected)
    expect(manifest.action?.default_icon).toEqual(expected)
  })

  it.each(variants)('should ship each %s icon as a PNG of its own pixel size', (_, dir) => {
    for (const size of SIZES) {
      const header = pngHeader(readFileSync(join(dir, `icons/${size}.png`)))
      expect({ width: header.width, height: header.height }, `icons/${size}.png`).toEqual({ width: size, height: size })
    }
  })

  it('should make the development build look different: grey where the store build is in colour', () => {
    for (const size of SIZES) {
      const store = readFileSync(join(built.chrome, `icons/${size}.png`))
      const dev = readFileSync(join(built.chromeDev, `icons/${size}.png`))
      expect(dev.equals(store), `icons/${size}.png is the same in both builds`).toBe(false)
      expect(colourfulShare(store), `store icons/${size}.png`).toBeGreaterThan(0.5)
      expect(colourfulShare(dev), `development icons/${size}.png`).toBe(0)
    }
  })
})
