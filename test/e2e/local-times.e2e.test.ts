/**
 * Times people can read, in real Chromium (development build, relay, demo upstream), in English and
 * German: the side panel's inquiry detail shows creation and timeline times as local date and time in the
 * browser's zone (never "3 yr. ago" for an old record), the exact time with its zone on hover, and each
 * step's duration. Expected texts come from the relay's answer formatted by Node's Intl (ICU, as in
 * Chromium); the browser runs in a zone other than UTC, so a time shown in UTC or the machine's zone fails.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { sharedStack } from '../harness/shared-stack.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { wholePageShot } from '../harness/whole-page.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/surfaces')
// The demo upstream's well-known inquiry (approved), with its created → started → completed → approved timeline.
const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'

const CASES = [
  { locale: 'en', zone: 'America/New_York', took: /^· took \d/ },
  { locale: 'de', zone: 'Europe/Berlin', took: /^· dauerte \d/ },
] as const

const { stack, agentToken } = sharedStack('local-times')

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true })
})

async function relayGet<T>(path: string): Promise<T> {
  const res = await fetch(`${stack.relay.url}${path}`, { headers: { authorization: `Bearer ${agentToken}` } })
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

/** Chromium and Node write the same ICU spaces differently in places (U+202F before "PM"): compare words. */
const words = (text: string | null) => (text ?? '').replace(/[\s\u202f\u00a0]+/g, ' ').trim()

type ShownTime = { text: string; datetime: string | null; title: string | null }

describe.each(CASES)('local times in a detail ($locale, $zone)', ({ locale, zone, took }) => {
  let browser: ExtensionBrowser
  const pageErrors: string[] = []

  beforeAll(async () => {
    browser = await launchWithExtension({ extensionDir: EXTENSION_DIR, locale: locale === 'en' ? undefined : locale, timezoneId: zone })
    await browser.setSettings({ workerUrl: stack.relay.url, agentToken })
  })

  afterAll(async () => {
    await browser?.close()
  })

  it("should show the inquiry's and each event's local date and time, the zone on hover, and how long each step took", async () => {
    const inquiry = await relayGet<{ data: { attributes: { 'created-at': string } } }>(`/v1/persona/inquiries/${INQUIRY}`)
    const events = await relayGet<{ data: { id: string; attributes: { 'created-at': string } }[] }>(
      `/v1/persona/events?filter%5Bobject-id%5D=${INQUIRY}&page%5Bsize%5D=100`,
    )
    expect(events.data.length, 'the demo inquiry has a timeline').toBeGreaterThan(2)
    const local = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone })
    const exact = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'long', timeZone: zone })
    const expected = (iso: string): ShownTime => ({
      text: words(local.format(Date.parse(iso))),
      datetime: new Date(iso).toISOString(),
      title: words(exact.format(Date.parse(iso))),
    })

    const page = await openSidePanelPage(browser, pageErrors)
    await page.getByTestId('lookup-input').fill(INQUIRY)
    await page.getByTestId('lookup-submit').click()
    const detail = page.locator(`[data-testid="detail"][data-id="${INQUIRY}"]`)
    const timeline = detail.getByTestId('detail-events').getByTestId('timeline-event')
    await expect.poll(() => timeline.count(), WAIT).toBe(events.data.length)

    const shown = async (time: ReturnType<typeof page.locator>): Promise<ShownTime> => ({
      text: words(await time.textContent()),
      datetime: await time.getAttribute('datetime'),
      title: words(await time.getAttribute('title')),
    })
    const created = detail.getByTestId('detail-summary').locator('[data-field="fieldCreated"]')
    expect(await shown(created.locator('time'))).toEqual(expected(inquiry.data.attributes['created-at']))
    // A record from long ago says when, not "3 yr. ago".
    expect(await created.getByTestId('time-hint').count()).toBe(0)

    // Newest first, as Persona lists them; each step's duration is the time since the event before it.
    const times = events.data.map((e) => Date.parse(e.attributes['created-at']))
    for (const [i, event] of events.data.entries()) {
      const row = timeline.nth(i)
      expect(await row.getAttribute('data-id')).toBe(event.id)
      expect(await shown(row.locator('time')), event.id).toEqual(expected(event.attributes['created-at']))
      const earlier = times.filter((at) => at < times[i]!)
      const step = row.getByTestId('step-took')
      if (earlier.length === 0) {
        expect(await step.count(), `${event.id} is the first step`).toBe(0)
        continue
      }
      expect(Number(await step.getAttribute('data-ms')), event.id).toBe(times[i]! - Math.max(...earlier))
      expect(words(await step.textContent())).toMatch(took)
    }
    expect(await detail.textContent()).not.toMatch(locale === 'en' ? /\byr\. ago\b/ : /\bvor \d+ J\./)

    await wholePageShot(page, join(ARTIFACTS, `sidepanel-inquiry-times-${locale}-light.png`))
    expect(pageErrors).toEqual([])
    await page.close()
  })
})
