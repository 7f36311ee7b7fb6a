/**
 * Deterministic randomness for the seeded dataset. Same seed, same data, on every runtime:
 * nothing here touches Math.random or the clock.
 */

/** mulberry32: tiny, fast, good enough for fixtures (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Persona's ids use the base58 alphabet (no 0, O, I, l). */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const HEX = '0123456789abcdef'

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  /** Uniform float in [min, max). */
  float(min: number, max: number): number
  chance(probability: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks a value with probability proportional to its weight. */
  weighted<T>(table: readonly (readonly [T, number])[]): T
  base58(length: number): string
  hex(length: number): string
  /** A lowercase, version-4-shaped UUID. */
  uuid(): string
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed)
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  // Built from char codes rather than `+=`, which would leave each id as a rope of tiny strings in memory.
  const fromAlphabet = (alphabet: string, length: number): string => {
    const codes = new Array<number>(length)
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(next() * alphabet.length))
    return String.fromCharCode(...codes)
  }
  return {
    next,
    int,
    float: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick() needs a non-empty list')
      return item
    },
    weighted: <T>(table: readonly (readonly [T, number])[]): T => {
      const total = table.reduce((sum, [, weight]) => sum + weight, 0)
      let roll = next() * total
      for (const [value, weight] of table) {
        roll -= weight
        if (roll < 0) return value
      }
      const last = table[table.length - 1]
      if (last === undefined) throw new Error('weighted() needs a non-empty table')
      return last[0]
    },
    base58: (length) => fromAlphabet(BASE58_ALPHABET, length),
    hex: (length) => fromAlphabet(HEX, length),
    uuid: () => {
      const h = fromAlphabet(HEX, 32)
      const variant = HEX[8 + int(0, 3)] ?? '8'
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`
    },
  }
}

/** FNV-1a, for stable per-id derived values (signatures, fingerprints) without consuming the seed stream. */
export function hashString(text: string, basis = 0x811c9dc5): number {
  let hash = basis >>> 0
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/** A deterministic pseudo-random string derived from `text` (e.g. a fake signature for an id). */
export function derivedString(text: string, length: number, alphabet: string = HEX): string {
  const rng = createRng(hashString(text))
  const codes = new Array<number>(length)
  for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(rng.int(0, alphabet.length - 1))
  return String.fromCharCode(...codes)
}
