/** The generated ticket the scan benchmark loads (deterministic: the same page every run). */

const DISTINCT_IDS = 500

function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const WORDS =
  'the customer says verification failed again after uploading a passport photo please check status and reply soon thanks team'.split(' ')

/** A ~`targetBytes` ticket page with 500 distinct IDs (some twice, in the forms tickets use) among near misses. */
export function generateTicketPage(targetBytes: number): { html: string; ids: string[] } {
  const random = rng(0x1d5)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const suffix = (n: number) => Array.from({ length: n }, () => pick([...ALPHABET])).join('')
  const ids = Array.from({ length: DISTINCT_IDS }, (_, i) => `${['inq_', 'iqse_', 'evt_'][i % 3]}${suffix(i % 2 ? 24 : 28)}`)
  // Near misses the scanner must reject: too short, wrong case, glued to words, unknown prefixes, bare UUIDs (off here).
  const decoys = () =>
    pick([
      `inq_${suffix(6)}`,
      `INQ_${suffix(24)}`,
      `my_inq_${suffix(24)}`,
      `inq_${suffix(25)}`,
      `evt_${suffix(29)}`,
      `act_${suffix(24)}`,
      `iqs_${suffix(24)}`,
      `${suffix(8)}-${suffix(4)}`,
      'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
    ])
  const sentence = () => Array.from({ length: 12 }, () => (random() < 0.04 ? decoys() : pick(WORDS))).join(' ')

  const parts: string[] = []
  let bytes = 0
  let nextId = 0
  let comment = 0
  // About 1.1 kB per comment: place an ID every `step` comments so 600 placements (100 IDs twice) span the page.
  const step = Math.max(1, Math.floor(targetBytes / 1100 / (DISTINCT_IDS * 1.2)))
  while (bytes < targetBytes) {
    const paragraphs: string[] = []
    for (let p = 0; p < 6; p++) paragraphs.push(`<p>${sentence()} ${sentence()}</p>`)
    // Spread the 500 IDs (some twice) over the page, in the forms tickets use.
    const place = comment % step === 0 && nextId < DISTINCT_IDS * 1.2
    if (place) {
      const id = ids[nextId++ % DISTINCT_IDS]!
      const form = nextId % 5
      if (form === 0) paragraphs.push(`<pre><code>{"id": "${id}", "status": "failed"}</code></pre>`)
      else if (form === 1 && id.startsWith('inq_'))
        paragraphs.push(`<p><a href="https://app.withpersona.com/dashboard/inquiries/${id}">View inquiry</a></p>`)
      else paragraphs.push(`<p>Reference <b>${id}</b> from the app.</p>`)
    }
    const html = `<article class="comment" data-comment="${comment++}"><div class="author">Customer ${comment}</div>${paragraphs.join('')}</article>\n`
    parts.push(html)
    bytes += html.length
  }
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Bench ticket</title>
<style>body{font:14px/1.4 system-ui;margin:0 24px} article{border-bottom:1px solid #ddd;padding:6px 0}</style></head>
<body><main id="conversation">${parts.join('')}</main></body></html>`
  return { html, ids }
}
