import { inflateSync } from 'node:zlib'

/** What a PNG's IHDR chunk says (the first chunk, at a fixed offset after the signature). */
export type PngHeader = { width: number; height: number; bitDepth: number; colorType: number; interlace: number }

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function pngHeader(png: Buffer): PngHeader {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (bad signature)')
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG (IHDR is not the first chunk)')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24]!, colorType: png[25]!, interlace: png[28]! }
}

/**
 * The pixels of an 8-bit RGBA, non-interlaced PNG (what sharp writes for the icons), as RGBA bytes.
 * Just enough of the format (IDAT inflate + the five row filters) to tell colour from grey.
 */
export function rgbaPixels(png: Buffer): Uint8Array {
  const { width, height, bitDepth, colorType, interlace } = pngHeader(png)
  if (bitDepth !== 8 || colorType !== 6 || interlace !== 0)
    throw new Error(`unsupported PNG: depth ${bitDepth}, colour type ${colorType}, interlace ${interlace}`)
  const idat: Buffer[] = []
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at)
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * 4
  const out = new Uint8Array(stride * height)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!
      const a = x >= 4 ? out[y * stride + x - 4]! : 0
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0
      const p = a + b - c
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)]
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter]
      if (predictor === undefined) throw new Error(`bad PNG row filter ${filter}`)
      out[y * stride + x] = (value + predictor) & 0xff
    }
  }
  return out
}
