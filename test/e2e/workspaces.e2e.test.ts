/**
 * The work tools agents also answer cases in, in real Chromium: Salesforce, HubSpot, Zoho Desk and Jira
 * SM built in; Gmail and Slack once granted. Fixtures (test/fixtures/workspaces) are served at the real
 * host names through --host-resolver-rules, so the manifest's matches apply. Playwright cannot answer
 * Chrome's permission prompt, so the tests grant sites on chrome://extensions (its `developerPrivate`
 * API, as its controls do): "Add a site" pre-approves an optional host; "On specific sites" grants a
 * withheld workspace host outright, firing permissions.onAdded. Every wait is for a condition.
 */
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { attachContentUi } from '../harness/content-ui.ts'
import { hoverUntilCard } from '../harness/hover-until-card.ts'
import { trackContexts } from '../harness/mark-boxes.ts'
import { textSpot } from '../harness/text-spot.ts'
import { shareWorkspaceSession, type WorkspaceSession } from '../harness/workspace-session.ts'
import type { WorkspaceHost } from '../fixtures/workspaces/serve.ts'
import type { StackAddress } from '../harness/stack.ts'
import { WAIT } from '../harness/wait.ts'

/** The extension APIs these tests call in the service worker and chrome://extensions (typed for the checker). */
declare const chrome: {
  storage: {
    session: { get(key: string): Promise<Record<string, unknown>> }
    local: { set(items: Record<string, unknown>): Promise<void> }
  }
  tabs: { query(query: { url?: string }): Promise<{ id?: number; url?: string }[]> }
  action: { getBadgeText(details: { tabId: number }): Promise<string> }
  scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[]; allFrames?: boolean }[]> }
  permissions: { contains(p: { origins: string[] }): Promise<boolean>; remove(p: { origins: string[] }): Promise<boolean> }
  developerPrivate: {
    addHostPermission(id: string, host: string): Promise<void>
    updateExtensionConfiguration(update: { extensionId: string; hostAccess: string }): Promise<void>
  }
  dom: { openOrClosedShadowRoot(el: Element): ShadowRoot | null }
}

// The demo upstream's well-known records, and two valid IDs it does not know.
const INQUIRY = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SESSION = 'iqse_T8PrqpoEhwhUV1wHReuU9ofs'
const EVENT = 'evt_o9byQRbjygu76Jbtea9wuJ1boP7a'
const OTHER_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const OTHER_EVENT = 'evt_JdpHJWMtuXEpsvDTrbNdRmBj'

const CASE = '/lightning/r/Case/500Hs00001ABC/view'
const VISUALFORCE = 'https://acme--c.vf.force.com/apex/'

let session: WorkspaceSession<StackAddress>
shareWorkspaceSession((s) => (session = s), { agent: 'workspaces' })

// --- Helpers -----------------------------------------------------------------------------------

/** The tab's ID, found by URL: the extension sees it once it holds the page's host (a grant reaches the worker a moment later). */
async function tabIdOf(page: Page): Promise<number> {
  const find = () => session.browser.background.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? null, page.url())
  return (await expect.poll(find, WAIT).not.toBeNull(), (await find())!)
}

async function open(host: WorkspaceHost, path: string) {
  const page = await session.browser.context.newPage()
  const ui = await attachContentUi(page)
  await page.goto(session.server.url(host, path))
  return { page, ui }
}

const badge = (tabId: number) => session.browser.background.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)

/** The IDs the tab's frames reported, as the popup lists them. */
const reportedIds = (tabId: number) =>
  session.browser.background.evaluate(async (id) => {
    const key = `inlineLookups.pageIds.${id}`
    return (((await chrome.storage.session.get(key))[key] as { id: string }[] | undefined) ?? []).map((p) => p.id).sort()
  }, tabId)

/** Where `text` shows inside the open shadow root of `#hostId`, in the page's coordinates. */
const shadowTextSpot = (page: Page, hostId: string, text: string) =>
  page.evaluate(
    ([id, needle]) => {
      const root = document.getElementById(id!)!.shadowRoot!
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = (n as Text).data.indexOf(needle!)
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(n, at)
        range.setEnd(n, at + needle!.length)
        const r = range.getClientRects()[0]!
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 }
      }
      throw new Error(`"${needle}" is not in #${id}'s shadow root`)
    },
    [hostId, text],
  )

/**
 * Evaluates `expression` in our content script's world of the page's frame whose URL starts with
 * `urlPrefix` (the Visualforce frame: another origin, but the same site, so in the page's process),
 * with `root` our shadow root there; null while no world there holds it.
 */
async function inFrameWorld<T>(page: Page, urlPrefix: string, expression: string): Promise<T | null> {
  const cdp = await page.context().newCDPSession(page)
  try {
    const contexts = await trackContexts(cdp)
    type Tree = { frame: { id: string; url: string }; childFrames?: Tree[] }
    const flatten = (t: Tree): Tree['frame'][] => [t.frame, ...(t.childFrames ?? []).flatMap(flatten)]
    const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: Tree }
    const frameId = flatten(frameTree).find((f) => f.url.startsWith(urlPrefix))?.id
    for (const ctx of contexts.filter((c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameId).reverse()) {
      const res = (await cdp
        .send('Runtime.evaluate', {
          contextId: ctx.id,
          expression: `(() => { const root = globalThis.__idvLens?.ui; return root ? JSON.stringify(${expression}) : undefined })()`,
          returnByValue: true,
        })
        .catch(() => null)) as { result?: { value?: string } } | null
      if (typeof res?.result?.value === 'string') return JSON.parse(res.result.value) as T
    }
    return null
  } finally {
    await cdp.detach().catch(() => {})
  }
}

/** Runs `call` in chrome://extensions, where the Site access controls live, with the extension's ID and `arg`. */
async function siteAccessPage(call: (input: { id: string; arg: string }) => Promise<unknown>, arg: string) {
  const extensions = await session.browser.context.newPage()
  await extensions.goto(`chrome://extensions/?id=${session.browser.extensionId}`)
  await extensions.evaluate(call, { id: session.browser.extensionId, arg })
  await extensions.close()
}

/** Site access: "On all sites" (the default) or "On specific sites" (every host withheld until added). */
const setHostAccess = (hostAccess: 'ON_ALL_SITES' | 'ON_SPECIFIC_SITES') =>
  siteAccessPage(({ id, arg }) => chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: arg }), hostAccess)

const registered = () => session.browser.background.evaluate(() => chrome.scripting.getRegisteredContentScripts())

/**
 * The agent's one click: "Turn on for Gmail" (or Slack) in the options page. Its permissions.request
 * would show Chrome's prompt, which Playwright cannot answer; the site is first added on the Site
 * access page, which for an optional host only pre-approves it (nothing runs, no event), so the
 * click's request then resolves at once, as an accepted prompt does.
 */
async function oneClick(workspace: 'gmail' | 'slack', origin: string) {
  await siteAccessPage(({ id, arg }) => chrome.developerPrivate.addHostPermission(id, arg), origin)
  expect(await session.browser.background.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin)).toBe(false)
  const options = await session.browser.context.newPage()
  await options.goto(session.browser.pageUrl('options.html'))
  const button = options.getByTestId(`workspace-${workspace}`)
  await expect.poll(() => button.getAttribute('aria-pressed'), WAIT).toBe('false')
  await button.click()
  await expect.poll(() => button.getAttribute('aria-pressed'), WAIT).toBe('true')
  expect(await session.browser.background.evaluate((o) => chrome.permissions.contains({ origins: [o] }), origin)).toBe(true)
  await options.close()
}

/** True once a page has loaded and idled twice without any of our elements: nothing of ours runs there. */
async function leftAlone(page: Page): Promise<boolean> {
  await page.waitForLoadState('load')
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => requestIdleCallback(resolve))))
  return page.evaluate(() => document.querySelector('idv-lens-ui, idv-lens-marks') === null)
}

// --- Tests -------------------------------------------------------------------------------------

describe('Salesforce Service Cloud (built in)', () => {
  it('should read the case, its native shadow roots, its email frame and its Visualforce frame, and paint only what is on screen', async () => {
    const { page, ui } = await open('acme.lightning.force.com', CASE)
    const tabId = await tabIdOf(page)
    // Light DOM (synthetic shadow), a native open shadow root, the srcdoc email and the Visualforce
    // frame of another origin; and the case in the hidden console subtab, which the list offers too.
    // The list and the badge agree once every frame's report is in.
    const listAndBadge = async () => ({ list: await reportedIds(tabId), badge: await badge(tabId) })
    await expect.poll(listAndBadge, WAIT).toEqual({ list: [INQUIRY, EVENT, SESSION, OTHER_EVENT, OTHER_INQUIRY].sort(), badge: '5' })
    // In the top frame, boxes over the two IDs on screen; none for the hidden subtab's.
    await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text).sort(), WAIT).toEqual([INQUIRY, EVENT].sort())
    // The Visualforce frame runs its own copy (our UI's root is there once its first pass is done).
    await expect.poll(() => inFrameWorld<boolean>(page, VISUALFORCE, 'root.host.isConnected'), WAIT).toBe(true)
    // The page's own DOM is as served: the marks are ours, drawn outside it (the page learns nothing).
    const asServed = await page.evaluate(async () => {
      const served = new DOMParser().parseFromString(await (await fetch(location.href)).text(), 'text/html')
      const component = document.getElementById('native-component')!.shadowRoot!.innerHTML
      return { body: document.body.innerHTML === served.body.innerHTML, component, highlights: CSS.highlights.size }
    })
    expect(asServed).toEqual({ body: true, component: `<p>Event: ${EVENT}</p>`, highlights: 0 })
  })

  it('should open the card for an ID inside a native shadow root', async () => {
    const { page, ui } = await open('acme.lightning.force.com', CASE)
    await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(2)
    await ui.hover(() => shadowTextSpot(page, 'native-component', EVENT))
    await ui.waitFor(`[data-testid="card"][data-id="${EVENT}"]`)
  })

  it('should open the card for an ID inside the Visualforce frame', async () => {
    const { page } = await open('acme.lightning.force.com', CASE)
    const tabId = await tabIdOf(page)
    await expect.poll(() => reportedIds(tabId), WAIT).toContain(OTHER_EVENT)
    const vf = page.frames().find((f) => f.url().startsWith(VISUALFORCE))!
    // The frame's own controls follow the pointer there (they come a moment after its marks).
    await expect
      .poll(() => inFrameWorld<boolean>(page, VISUALFORCE, `root.querySelector('[data-testid="launcher"]') !== null`), WAIT)
      .toBe(true)
    // The ID's place in the frame, moved by the frame's place (and border) in the page: measured at each try.
    const spot = async () => {
      const inFrame = await textSpot(vf, OTHER_EVENT)
      const frameBox = await page.evaluate(() => {
        const el = document.getElementById('visualforce')!
        const r = el.getBoundingClientRect()
        return { x: r.left + el.clientLeft, y: r.top + el.clientTop }
      })
      return { x: frameBox.x + inFrame.x, y: frameBox.y + inFrame.y }
    }
    const openCard = () => inFrameWorld<string | null>(page, VISUALFORCE, `root.querySelector('[data-testid="card"]')?.dataset.id ?? null`)
    await hoverUntilCard(page, { spot, cardOpen: async () => (await openCard()) !== null })
    await expect.poll(openCard, WAIT).toBe(OTHER_EVENT)
  })

  it('should leave a page of the host that is no agent page alone', async () => {
    const page = await session.browser.context.newPage()
    await page.goto(session.server.url('acme.lightning.force.com', '/'))
    expect(await page.content()).toContain(INQUIRY)
    expect(await leftAlone(page)).toBe(true)
  })
})

describe('HubSpot (built in)', () => {
  it('should keep the marks of a thread React replaces, counted once, at every one of 10 re-renders', async () => {
    // The page re-renders when told (?driven), not every 400 ms: a busy machine must not decide the outcome.
    const { page, ui } = await open('app.hubspot.com', '/help-desk/123/view/1/ticket/9?driven')
    const tabId = await tabIdOf(page)
    await expect.poll(() => reportedIds(tabId), WAIT).toEqual([INQUIRY, SESSION].sort())
    await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(2)
    // Per re-render, the most boxes any frame showed since, and how many frames that was (from our
    // content script's world): the marks come back every time, and never twice.
    await ui.evaluate(`(() => {
      const seen = (globalThis.__workspaceReads = { most: [], frames: [] })
      const count = () => chrome.dom.openOrClosedShadowRoot(document.querySelector('idv-lens-marks')).querySelectorAll('b').length
      new MutationObserver(() => (seen.most.push(0), seen.frames.push(0))).observe(document.getElementById('thread'), { childList: true })
      const look = () => {
        const last = seen.most.length - 1
        if (last >= 0) {
          seen.most[last] = Math.max(seen.most[last], count())
          seen.frames[last]++
        }
        requestAnimationFrame(look)
      }
      requestAnimationFrame(look)
    })()`)
    const reads = async () => (await ui.evaluate<{ most: number[]; frames: number[] }>('globalThis.__workspaceReads'))!
    /** Re-renders the thread, then waits for `marks` boxes on the new nodes and 10 frames more (a second copy would show there). */
    const rerender = async (marks: number) => {
      const n = (await reads()).most.length
      await page.evaluate(() => (window as unknown as { __render(): void }).__render())
      await expect
        .poll(async () => {
          const { most, frames } = await reads()
          return most[n] === marks && frames[n]! >= 10
        }, WAIT)
        .toBe(true)
    }
    for (let i = 0; i < 10; i++) await rerender(2)
    expect((await reads()).most).toEqual(Array(10).fill(2))
    // Counted once all along.
    expect(await badge(tabId)).toBe('2')
    expect(await reportedIds(tabId)).toEqual([INQUIRY, SESSION].sort())
    // The card opens on the re-rendered text, and stays open over the next three re-renders (the
    // session's line lies under the card, so only the inquiry's box shows meanwhile).
    await ui.hover(() => textSpot(page, INQUIRY))
    await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"]`)
    for (let i = 0; i < 3; i++) await rerender(1)
    expect(await ui.find(`[data-testid="card"][data-id="${INQUIRY}"]`)).not.toBeNull()
  })

  it("should run on the EU data centre's ticket records", async () => {
    const { page } = await open('app-eu1.hubspot.com', '/contacts/123/record/0-5/9')
    await expect.poll(async () => reportedIds(await tabIdOf(page)), WAIT).toEqual([INQUIRY, SESSION].sort())
  })
})

describe('Zoho Desk and Jira Service Management (built in)', () => {
  it('should mark every occurrence in the Zoho Desk console, count each ID once, and leave its help centre alone', async () => {
    const { page, ui } = await open('desk.zoho.eu', '/agent/acme/support/tickets/details/104')
    const tabId = await tabIdOf(page)
    await expect.poll(() => badge(tabId), WAIT).toBe('2')
    await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text).sort(), WAIT).toEqual([INQUIRY, INQUIRY, EVENT].sort())
    await ui.hover(() => textSpot(page, EVENT))
    await ui.waitFor(`[data-testid="card"][data-id="${EVENT}"]`)

    const portal = await session.browser.context.newPage()
    await portal.goto(session.server.url('desk.zoho.eu', '/portal/acme/en/kb/articles/verification'))
    expect(await leftAlone(portal)).toBe(true)
  })

  it("should read Jira Service Management's queue and issue views, never its customer portal nor any Jira issue page", async () => {
    for (const path of ['/jira/servicedesk/projects/SUP/queues/custom/1/SUP-12', '/jira/servicedesk/projects/SUP/issues/SUP-12']) {
      const { page, ui } = await open('acme.atlassian.net', path)
      const tabId = await tabIdOf(page)
      await expect.poll(() => badge(tabId), WAIT).toBe('2')
      await expect.poll(async () => (await ui.markBoxes()).length, WAIT).toBe(2)
    }
    const portal = await session.browser.context.newPage()
    await portal.goto(session.server.url('acme.atlassian.net', '/servicedesk/customer/portal/1/SUP-12'))
    expect(await portal.content()).toContain(INQUIRY)
    expect(await leftAlone(portal)).toBe(true)
    // /browse/ is every Jira project's issue page (Software's too), the same IDs on it: the agent asks there.
    const anyIssue = await session.browser.context.newPage()
    await anyIssue.goto(session.server.url('acme.atlassian.net', '/browse/SUP-12'))
    expect(await anyIssue.content()).toContain(INQUIRY)
    expect(await leftAlone(anyIssue)).toBe(true)
  })
})

describe('Gmail and Slack (one click)', () => {
  it('should start nothing in Gmail until the agent turns it on in the options page, then run there with no Trusted Types violation; turning it off unregisters it and takes its marks away', async () => {
    const { page, ui } = await open('mail.google.com', '/mail/u/0/')
    expect(await leftAlone(page)).toBe(true)

    await oneClick('gmail', 'https://mail.google.com/*')
    // The open tab starts at once (permissions.onAdded); the registration covers its next loads, in every frame.
    const tabId = await tabIdOf(page)
    await expect.poll(() => badge(tabId), WAIT).toBe('2')
    expect(await registered()).toEqual([expect.objectContaining({ matches: ['https://mail.google.com/*'], allFrames: true })])
    await page.reload()
    await expect.poll(() => badge(tabId), WAIT).toBe('2')
    await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text).sort(), WAIT).toEqual([INQUIRY, SESSION].sort())
    await ui.hover(() => textSpot(page, INQUIRY))
    await ui.waitFor(`[data-testid="card"][data-id="${INQUIRY}"] [data-testid="status"]`)
    // Gmail's Trusted Types: our scripts assigned no HTML string anywhere in the page.
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([])

    // Turned off again: the registration goes, and so do the open page's marks, our UI and the badge.
    await session.browser.background.evaluate(() => chrome.permissions.remove({ origins: ['https://mail.google.com/*'] }))
    await expect.poll(registered, WAIT).toEqual([])
    await expect.poll(() => page.evaluate(() => document.querySelector('idv-lens-ui, idv-lens-marks') === null), WAIT).toBe(true)
    await expect.poll(() => badge(tabId).catch(() => ''), WAIT).toBe('')
  })

  it("should re-read Slack's recycled rows once the site is enabled", async () => {
    const { page, ui } = await open('app.slack.com', '/client/T0001/C0001')
    await oneClick('slack', 'https://app.slack.com/*')
    const tabId = await tabIdOf(page)
    await expect.poll(() => reportedIds(tabId), WAIT).toEqual([INQUIRY, EVENT].sort())
    // The same three rows now hold messages 3 to 5.
    await page.evaluate(() => (window as unknown as { __scrollTo(n: number): void }).__scrollTo(3))
    await expect.poll(() => reportedIds(tabId), WAIT).toEqual([SESSION, OTHER_INQUIRY, OTHER_EVENT].sort())
    expect(await badge(tabId)).toBe('3')
    await expect
      .poll(async () => (await ui.markBoxes()).map((b) => b.text).sort(), WAIT)
      .toEqual([SESSION, OTHER_INQUIRY, OTHER_EVENT].sort())
    await session.browser.background.evaluate(() => chrome.permissions.remove({ origins: ['https://app.slack.com/*'] }))
  })
})

describe("a site granted on Chrome's Site access page", () => {
  it('should run in a built-in workspace the agent allowed again under "On specific sites", in the open tab and after a reload', async () => {
    await setHostAccess('ON_SPECIFIC_SITES')
    try {
      const { page, ui } = await open('acme.lightning.force.com', CASE)
      expect(await leftAlone(page)).toBe(true)
      // Site access → "Add a site": Chrome grants the origin and fires permissions.onAdded.
      await siteAccessPage(({ id, arg }) => chrome.developerPrivate.addHostPermission(id, arg), 'https://acme.lightning.force.com/*')
      // Everything but the Visualforce frame: its origin (acme--c.vf.force.com) was not added.
      const tabId = await tabIdOf(page)
      const caseIds = [INQUIRY, EVENT, SESSION, OTHER_INQUIRY].sort()
      await expect.poll(() => reportedIds(tabId), WAIT).toEqual(caseIds)
      await page.reload()
      await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text).sort(), WAIT).toEqual([INQUIRY, EVENT].sort())
      await expect.poll(() => reportedIds(tabId), WAIT).toEqual(caseIds)
      expect(await badge(tabId)).toBe('4')
    } finally {
      await setHostAccess('ON_ALL_SITES')
    }
  })
})

describe('Gmail turned on for the team (policy)', () => {
  /**
   * The team's policy as the pages read it: the copy the background's refresh keeps of managed
   * storage (lib/effective-settings.ts). Chromium reads extension policy only from the machine's
   * policy folders, which a test sharing the machine must not write; the refresh has unit tests.
   */
  const teamWorkspaces = (ids: string[]) =>
    session.browser.background.evaluate((list) => chrome.storage.local.set({ managedTeamWorkspaces: list }), ids)

  it("should say so in the popup and the options page until the agent's one click allows it, then run in Gmail and say nothing more", async () => {
    await teamWorkspaces(['gmail'])
    try {
      const { page, ui } = await open('mail.google.com', '/mail/u/0/')
      expect(await leftAlone(page)).toBe(true)

      const options = await session.browser.context.newPage()
      await options.goto(session.browser.pageUrl('options.html'))
      const inOptions = options.getByTestId('team-workspace-gmail')
      await inOptions.waitFor(WAIT)
      expect(await inOptions.textContent()).toBe('Your team turned on Gmail for IDV Lens: Allow')
      // Slack, which the team did not name, keeps its plain button.
      expect(await options.getByTestId('workspace-slack').getAttribute('aria-pressed')).toBe('false')

      const popup = await session.browser.context.newPage()
      await popup.goto(session.browser.pageUrl('popup.html'))
      const inPopup = popup.getByTestId('team-workspace-gmail')
      await inPopup.waitFor(WAIT)
      expect(await inPopup.textContent()).toBe('Your team turned on Gmail for IDV Lens: Allow')

      // The agent's click on Allow in the popup: Chrome's prompt, answered as in oneClick (pre-approved).
      await siteAccessPage(({ id, arg }) => chrome.developerPrivate.addHostPermission(id, arg), 'https://mail.google.com/*')
      expect(await session.browser.background.evaluate(() => chrome.permissions.contains({ origins: ['https://mail.google.com/*'] }))).toBe(
        false,
      )
      await popup.getByTestId('allow-gmail').click()
      await expect
        .poll(
          () => session.browser.background.evaluate(() => chrome.permissions.contains({ origins: ['https://mail.google.com/*'] })),
          WAIT,
        )
        .toBe(true)

      // Granted: the open Gmail tab starts, and neither page asks any more.
      const tabId = await tabIdOf(page)
      await expect.poll(() => badge(tabId), WAIT).toBe('2')
      await expect.poll(async () => (await ui.markBoxes()).map((b) => b.text).sort(), WAIT).toEqual([INQUIRY, SESSION].sort())
      await expect.poll(() => popup.getByTestId('team-workspaces').count(), WAIT).toBe(0)
      await expect.poll(() => options.getByTestId('workspace-gmail').getAttribute('aria-pressed'), WAIT).toBe('true')
      expect(await options.getByTestId('team-workspace-gmail').count()).toBe(0)
    } finally {
      await teamWorkspaces([])
      await session.browser.background.evaluate(() => chrome.permissions.remove({ origins: ['https://mail.google.com/*'] }))
    }
  })
})
