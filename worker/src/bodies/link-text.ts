/**
 * Whether a vendor's string holds a link, a data: URI or a link's credential, as any reader could take
 * it: recognised in every reading a browser, a linkifier or a copy-paste might make of it, not only in
 * the raw text. A value the allowlist keeps (a status, a tag, a reference ID) is never a link, so one
 * that reads as a link is dropped (vendors/allowlist-walk.ts), whatever host it names.
 */

/** Controls and the invisible characters a URL parser or a reader skips; whitespace apart. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0]+/gu
const WHITESPACE = /\s+/gu

const NAMED_REFERENCES: Record<string, string> = {
  colon: ':',
  sol: '/',
  bsol: '\\',
  quest: '?',
  equals: '=',
  amp: '&',
  period: '.',
  commat: '@',
  num: '#',
  semi: ';',
  percnt: '%',
}

/** `&#58;`, `&#x3a;`, `&colon;`: HTML character references, as a page would render them. */
function decodeReferences(text: string): string {
  return text.replace(
    /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));?/gi,
    (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      const code = dec !== undefined ? Number(dec) : hex !== undefined ? parseInt(hex, 16) : NaN
      if (Number.isFinite(code)) return code <= 0x10ffff ? String.fromCodePoint(code) : whole
      return NAMED_REFERENCES[(name ?? '').toLowerCase()] ?? whole
    },
  )
}

/** `%3A`, `%253A`: each well-formed escape decoded, a malformed one left as it is. */
function decodePercents(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run)
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    }
  })
}

/**
 * Two readings of one text: compatibility forms folded (full-width letters), invisibles gone, one case,
 * one slash; whitespace once gone (`h ttps://`) and once a word boundary (`see data:,…`).
 */
function canonical(text: string): [string, string] {
  const folded = text.normalize('NFKC').toLowerCase().replaceAll('\\', '/')
  const spaced = folded.replace(WHITESPACE, ' ').replace(INVISIBLE, '')
  return [spaced.replaceAll(' ', ''), spaced]
}

/** Encoded layers undone at most this many times: more is no reading anyone makes by accident. */
const MAX_DECODINGS = 4

/** Each pattern's repetitions are bounded, so no string, however long, costs more than linear time. */
const LINK_FORMS = [
  // Schemes a browser follows without slashes (`https:host`) or that carry their content (javascript:, blob:).
  /(?:^|[^a-z0-9+.-])(?:https?|ftp|wss?|file|blob|javascript|vbscript|filesystem):./,
  // A data: URI: a media type, parameters, then a comma.
  /(?:^|[^a-z0-9+.-])data:[a-z0-9!#$&^_.+-]{0,127}(?:\/[a-z0-9!#$&^_.+-]{0,127})?(?:;[^,]{0,256})?,/,
  // Protocol-relative: //host.
  /\/\/[a-z0-9[]/,
  // What linkifiers take for a link: www.host, or host.tld/ with a path.
  /(?:^|[^a-z0-9.@-])www\.[a-z0-9-]{1,63}\./,
  /(?:^|[^a-z0-9.@-])[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,63}(?::\d{1,5})?\//,
  // Userinfo before a host: user:password@host.
  /:[^/@:]{0,256}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,63}/,
  // A link's credential, even without the link: signed-URL and SAS parameters (`?sv=…&se=…&sig=…`).
  /(?:^|[?&;#])(?:[a-z0-9_.-]{0,64}(?:signature|token|credential)|sig|sv|se|skoid|sktid|key-pair-id|policy)=/,
]

/** Any scheme with an authority (https://, hxxps://), or a pattern above. */
const isLinkForm = (form: string) => form.includes('://') || LINK_FORMS.some((pattern) => pattern.test(form))

/**
 * Text no reading can turn into a link: plain ASCII words and numbers without `: / \\ = % & @` (every
 * link form and every encoding needs one of them) and without `www.`, or an ISO-8601 time. Most
 * allowed values are such; they skip the readings below.
 */
const PLAIN = /^[\w .,()+-]*$/
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/
const isPlain = (text: string) => (PLAIN.test(text) && !/www\./i.test(text)) || ISO_TIME.test(text)

/** True when `text`, in any reading (raw, decoded, entity-decoded, folded), is or holds a link. */
export function holdsLink(text: string): boolean {
  if (isPlain(text)) return false
  let reading = text
  for (let i = 0; i <= MAX_DECODINGS; i++) {
    if (canonical(reading).some(isLinkForm)) return true
    const next = decodePercents(decodeReferences(reading))
    if (next === reading) return false
    reading = next
  }
  // Still encoded after every layer undone: no plain value is, so it is treated as one.
  return true
}
