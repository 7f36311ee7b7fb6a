import type { Tone } from '../kit/relay.ts'

/**
 * Every vendor's status tones (vendors/<name>/<name>-tones.ts), found by folder: the popup's first
 * paint and the marks colour statuses without loading the registry, whose relay calls they do not need.
 */
const BY_PATH = import.meta.glob<Readonly<Record<string, Tone>>>('./*/*-tones.ts', { eager: true, import: 'tones' })

/** Each vendor's tones by its folder's name. A function: a module-level table would stay in bundles that never ask. */
export const vendorTones = (): Readonly<Record<string, Readonly<Record<string, Tone>>>> =>
  Object.fromEntries(Object.entries(BY_PATH).map(([path, tones]) => [path.split('/')[1], tones]))

let byVendor: Readonly<Record<string, Readonly<Record<string, Tone>>>> | null = null

/**
 * The colour family of a status of `vendor`, from that vendor's tones only: a vendor's tones never
 * recolour another's statuses. Vendors say their status lists are open, so unknown values are neutral.
 */
export function statusTone(vendor: string, status: string | null | undefined): Tone {
  byVendor ??= vendorTones()
  const own = Object.hasOwn(byVendor, vendor) ? byVendor[vendor]! : {}
  const key = status?.toLowerCase()
  return (key && Object.hasOwn(own, key) && own[key]) || 'neutral'
}
