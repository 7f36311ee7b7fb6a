/**
 * A page that styles itself to read the card's status (real Chromium, the shared relay). It sets every
 * custom property our in-page CSS and theme tokens name on its root, body and our hosts (!important),
 * registers each with @property (an image as initial value), and gives every font family we name an
 * @font-face, each a URL of this test's server. Cards for an approved, a declined, a failed and an
 * unknown ID fetch none, and compute the same styles, marks included, as without that CSS.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attachContentUi } from '../harness/content-ui.ts'
import { inquiryWithStatus } from '../harness/demo-inquiries.ts'
import { EXTENSION_DIR, shareHelpdeskSession, type HelpdeskSession } from '../harness/helpdesk-session.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { lookupState, statusPage } from '../harness/status-page.ts'
import { textSpot } from '../harness/text-spot.ts'
import { WAIT } from '../harness/wait.ts'

const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/hostile-styles')
/** Approved in the demo upstream; the story inquiry (worker/demo-upstream/persona-story.ts), failed; one it does not know. */
const APPROVED = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const STORY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const UNKNOWN = 'inq_NoSuchInquiryHere0000000'
/** The built files that put CSS into the page (the eager script, the controls, the card), and the theme tokens. */
const IN_PAGE_FILES = ['content-scripts/inline-lookups.js', 'inline-controls.js', 'inline-ui.js'].map((file) => join(EXTENSION_DIR, file))
const TOKENS_CSS = join(REPO_ROOT, 'extension/src/styles/tokens.css')
const ATTACKS = ['inherited', 'registered', 'fonts'] as const
type Attack = (typeof ATTACKS)[number]

/** Every custom property the in-page CSS declares or reads, and every one tokens.css declares. */
function customProperties(sources: string[]): string[] {
  const names = new Set<string>()
  for (const source of sources)
    for (const [, name] of source.matchAll(/(?:var\(\s*|[{;\s]\s*)(--[a-zA-Z][\w-]*)\s*[,):]/g)) names.add(name!)
  return [...names].sort()
}

/** Every font family the in-page CSS and the tokens name (font-family, the font shorthand, --mono), unquoted. */
function fontFamilies(sources: string[]): string[] {
  const lists: string[] = []
  for (const source of sources) {
    for (const [, list] of source.matchAll(/(?:font-family|--mono)\s*:\s*([^;}]+)/g)) lists.push(list!)
    for (const [, list] of source.matchAll(/[{;\s]font\s*:[^;}]*?[\d.]+(?:px|em|rem|%|pt)(?:\/[\d.]+\w*)?\s+([^;}]+)/g)) lists.push(list!)
  }
  const families = lists.flatMap((list) => list.split(',')).map((family) => family.trim().replace(/^['"]|['"]$/g, ''))
  return [...new Set(families.filter((family) => family && !family.startsWith('var(') && family !== 'inherit'))].sort()
}

/** A server that counts what is fetched from it: every path, in order. */
async function countingServer() {
  const fetched: string[] = []
  const server = createServer((req, res) => {
    fetched.push(decodeURIComponent(req.url ?? '').slice(1))
    res.writeHead(200, { 'access-control-allow-origin': '*', 'cache-control': 'no-store', 'content-type': 'image/svg+xml' })
    res.end('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    fetched,
    url: (path: string) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/${encodeURIComponent(path)}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
type Counter = Awaited<ReturnType<typeof countingServer>>

/** The page's own CSS for one attack, and a probe of the page's own that shows the attack works on the page's elements. */
function hostileCss(
  attack: Attack,
  { properties, families, counter }: { properties: string[]; families: string[]; counter: Counter },
): string {
  const image = (name: string) => `url(${counter.url(`${attack}/${name.replace(/^--probe$/, 'probe')}`)})`
  const probe = (rule: string) => `#probe { ${rule} }`
  if (attack === 'inherited') {
    const declarations = properties.map((name) => `${name}: ${image(name)} !important;`).join(' ')
    return `:root, html, body, idv-lens-ui, idv-lens-marks { ${declarations} --probe: ${image('probe')}; } ${probe('background: var(--probe)')}`
  }
  if (attack === 'registered') {
    const registered = [...properties, '--probe']
      .map((name) => `@property ${name} { syntax: '*'; inherits: false; initial-value: ${image(name)}; }`)
      .join('\n')
    return `${registered}\n${probe('background: var(--probe)')}`
  }
  const faces = [...families, 'probe']
    .map((family) => `@font-face { font-family: ${JSON.stringify(family)}; src: url(${counter.url(`fonts/${family}`)}) format("woff2"); }`)
    .join('\n')
  return `${faces}\n${probe('font: 8px "probe"')}`
}

/** Every element of our UI and every property it computes (custom properties aside: the page may set those on our host), from the content script's world. */
const COMPUTED = `(() => Array.from(root.querySelectorAll('*'), (el) => {
  if (el.localName === 'style') return null
  const style = getComputedStyle(el)
  const name = el.localName + '.' + (el.getAttribute('class') ?? '') + '[' + (el.dataset.testid ?? '') + ']'
  return [name, Array.from(style).filter((p) => !p.startsWith('--')).map((p) => p + ': ' + style.getPropertyValue(p))]
}).filter(Boolean))()`

type Computed = [string, string[]][]

/** Where two snapshots differ: element by element, property by property. */
function differences(control: Computed, hostile: Computed): string[] {
  if (control.length !== hostile.length)
    return [`${control.length} elements vs ${hostile.length}: ${hostile.map(([name]) => name).join(' ')}`]
  return control.flatMap(([name, props], i) => {
    const other = hostile[i]!
    if (other[0] !== name) return [`${name} vs ${other[0]}`]
    return props
      .filter((p, j) => other[1][j] !== p)
      .map((p) => `${name} ${p} -> ${other[1].find((q) => q.startsWith(p.split(':')[0] + ':'))}`)
  })
}

describe('a page that styles itself to read the card', () => {
  const pages: Record<string, string> = {}
  let session: HelpdeskSession
  let counter: Counter
  let ids: Record<string, string>
  shareHelpdeskSession((s) => (session = s), { agent: 'hostile-styles', pages })
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true })
    counter = await countingServer()
    const declined = await inquiryWithStatus(session.stack.relay.url, 'declined', session.agentToken)
    ids = { approved: APPROVED, declined, failed: STORY, unknown: UNKNOWN }
  })
  afterAll(() => counter?.stop())

  /** The status page (`css` in its head, a probe at its end), each ID's card opened by hover: its computed styles, the marks' look, a screenshot each. */
  async function cards(name: 'control' | Attack, css: string) {
    const path = `/agent/tickets/${name}`
    // A background image under the IDs: the page's scheme is not known there, so the card follows the OS.
    pages[path] = statusPage(ids)
      .replace(
        '</head>',
        `<style>body { background-image: linear-gradient(#fff, #fff) } #probe { position: fixed; right: 0; bottom: 0; width: 8px; height: 8px } ${css}</style></head>`,
      )
      .replace('</body>', '<div id="probe">probe</div></body>')
    const page = await session.browser.context.newPage()
    const ui = await attachContentUi(page)
    try {
      await page.goto(session.server.url('acme.zendesk.com', path))
      await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(Object.keys(ids).length)
      const marks = (await ui.markBoxes()).map((box) => box.look)
      const seen: Record<string, { computed: Computed; shot: Buffer }> = {}
      for (const [status, id] of Object.entries(ids)) {
        // Hovered again while no card holds: on an agent page the UUID flag's rescan (up to 200 ms after
        // load) drops a card opened before it, and the second round's cached answers open one that soon.
        // A found ID's Watch is greyed until the background says whether it is watched: drawn once it has.
        const watchKnown = status === 'unknown' ? '' : ':has([data-testid="watch-toggle"]:not([aria-disabled="true"]))'
        const settled = `[data-testid="card"][data-id="${id}"]${watchKnown} [data-testid="status"]:not([data-tone="pending"])`
        await expect.poll(async () => (await ui.find(settled)) ?? (await ui.hover(() => textSpot(page, id)), null), WAIT).not.toBeNull()
        expect(await lookupState(ui, id)).toBeOneOf(['found', 'missing'])
        const card = (await ui.find('[data-testid="card"]'))!
        const shot = await page.screenshot({ path: join(ARTIFACTS, `card-${status}-${name}.png`), clip: card.box })
        seen[status] = { computed: await ui.evaluate<Computed>(COMPUTED), shot }
      }
      return { seen, marks }
    } finally {
      await ui.detach()
      await page.close()
    }
  }

  it('should fetch nothing the page names and compute the same styles, for an approved, a declined, a failed and an unknown ID', {
    timeout: 240_000,
  }, async () => {
    const built = await Promise.all(IN_PAGE_FILES.map((file) => readFile(file, 'utf8')))
    const tokens = await readFile(TOKENS_CSS, 'utf8')
    const properties = customProperties([...built, tokens])
    const families = fontFamilies([...built, tokens])
    // Something to set: the theme's tokens at least, and the card's fonts.
    expect(properties).toEqual(expect.arrayContaining(['--bg', '--good-bg', '--bad-bg', '--neutral-bg', '--mono']))
    expect(families).toEqual(expect.arrayContaining(['system-ui', 'sans-serif']))

    // The first cards a browser draws may antialias their rounded corners a little differently: compared is a second round.
    await cards('control', '')
    const control = await cards('control', '')
    expect(counter.fetched).toEqual([])
    const found: Record<string, { fetched: string[]; marks: string[]; styles: Record<string, string[]>; pixels: string[] }> = {}
    for (const attack of ATTACKS) {
      const hostile = await cards(attack, hostileCss(attack, { properties, families, counter }))
      // The attack works on the page's own element.
      await expect.poll(() => counter.fetched, WAIT).toContain(`${attack}/probe`)
      const statuses = Object.entries(hostile.seen)
      found[attack] = {
        fetched: counter.fetched.filter((path) => path.startsWith(`${attack}/`) && !path.endsWith('/probe')),
        marks: hostile.marks.filter((look, i) => look !== control.marks[i]),
        styles: Object.fromEntries(
          statuses.map(([status, { computed }]) => [status, differences(control.seen[status]!.computed, computed)]),
        ),
        pixels: statuses.filter(([status, { shot }]) => !shot.equals(control.seen[status]!.shot)).map(([status]) => status),
      }
    }
    // Nothing of ours fetched anything the page named, nor computed or drew anything else.
    const none = { fetched: [], marks: [], styles: Object.fromEntries(Object.keys(ids).map((status) => [status, []])), pixels: [] }
    expect(found).toEqual(Object.fromEntries(ATTACKS.map((attack) => [attack, none])))
  })
})
