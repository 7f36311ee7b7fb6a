import type { Tone } from '../kit/relay.ts'

/**
 * Every vendor's status tones (vendors/<name>/<name>-tones.ts), found by folder: the popup's first
 * paint and the marks colour statuses without loading the registry, whose relay calls they do not need.
 */
const BY_PATH = import.meta.glob<Readonly<Record<string, Tone>>>('./*/*-tones.ts', { eager: true, import: 'tones' })

/** Each vendor's tones by its folder's name. A function: a module-level table would stay in bundles that never ask. */
export const vendorTones = (): Readonly<Record<string, Readonly<Record<string, Tone>>>> =>
  Object.fromEntries(Object.entries(BY_PATH).map(([path, tones]) => [path.split('/')[1], tones]))

let merged: Readonly<Record<string, Tone>> | null = null

/**
 * The colour family of a vendor status, from every vendor's tones (merged on first use). Vendors say
 * their status lists are open, so unknown values fall back to neutral.
 */
export function statusTone(status: string | null | undefined): Tone {
  merged ??= Object.assign({}, ...Object.values(vendorTones())) as Readonly<Record<string, Tone>>
  return (status && merged[status.toLowerCase()]) || 'neutral'
}
