/**
 * The admins' page (extension/src/entrypoints/admin) in real Chromium against wrangler dev: a team's
 * requests, made for real through the relay, show up per agent and per vendor as the audit holds
 * them (an AI agent's MCP calls as its own, marked AI), and the page downloads the audit export (CSV and
 * NDJSON).
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { AUDIT_EXPORT_COLUMNS, VENDOR_NAMES } from '@idv-lens/shared/api'
import { launchWithExtension, type ExtensionBrowser } from '../harness/browser.ts'
import { pollUntil } from '../harness/poll.ts'
import { openSidePanelPage } from '../harness/side-panel-page.ts'
import { REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'
import { wholePageShot } from '../harness/whole-page.ts'
import { WAIT } from '../harness/wait.ts'

const EXTENSION_DIR = process.env.IDV_LENS_EXTENSION_DIR ?? join(REPO_ROOT, 'extension/.output/chrome-mv3-dev')
const ARTIFACTS = join(REPO_ROOT, 'test/artifacts/admin-usage')
const LEAD = { name: 'lead', token: 'idvl_lead_admin_token_local_only_000001' }
const ANN = { name: 'ann', token: 'idvl_ann_agent_token_local_only_0000001' }
const BOB = { name: 'bob', token: 'idvl_bob_agent_token_local_only_0000001' }
/** A helpdesk's AI agent (role ai): it calls /mcp only, and shows on the page as its own, marked AI. */
const FIN = { name: 'fin', token: 'idvl_fin_ai_token_local_only_000000001' }
/** What fin asserts with its call: markup as the ticket, shown as text, never as an element. */
const MARKUP_TICKET = '<img src=x onerror=alert(1)>'
/** Stripe's documented fixture session, always in the demo upstream (worker/demo-upstream/stripe-seed.ts). */
const STRIPE_SESSION = 'vs_1Pgc76B7WZ01zgkWBdQi8PTU'

let stack: Stack
let seededIds: string[] = []
let firstInquiry = ''

/** One request as `agent`; its relay request ID (the audit row's key). */
async function as(agent: { token: string }, path: string): Promise<string> {
  const res = await fetch(`${stack.relay.url}${path}`, { headers: { authorization: `Bearer ${agent.token}` } })
  await res.arrayBuffer()
  return res.headers.get('request-id')!
}

beforeAll(async () => {
  const agents = [LEAD, ANN, BOB].map((a) => `${a.name}:${a.token}${a === LEAD ? ':admin' : ''}`)
  stack = await startStack({ agentTokens: [...agents, `${FIN.name}:${FIN.token}:ai`].join(',') })
  const list = (await (
    await fetch(`${stack.relay.url}/v1/persona/inquiries?page%5Bsize%5D=3`, { headers: { authorization: `Bearer ${ANN.token}` } })
  ).json()) as { data: { id: string }[] }
  const [a, b, c] = list.data.map((d) => d.id)
  firstInquiry = a!
  // ann: the list above, three lookups, one detail; bob: two lookups, a bad request, and a refused audit read.
  seededIds = [
    await as(ANN, `/v1/lookup?ids=${a}`),
    await as(ANN, `/v1/lookup?ids=${b}`),
    await as(ANN, `/v1/lookup?ids=${c}`),
    await as(ANN, `/v1/persona/inquiries/${a}`),
    await as(BOB, `/v1/lookup?ids=${a},${b}`),
    await as(BOB, `/v1/lookup?ids=${c}`),
    await as(BOB, '/v1/persona/inquiries?page%5Bsize%5D=0'),
    await as(BOB, '/v1/admin/audit?limit=1'),
  ]
  // A Stripe lookup (the lead's, so ann's and bob's counts stay theirs): Stripe gets its chart too.
  await as(LEAD, `/v1/lookup?ids=${STRIPE_SESSION}`)
  await finLooksUp(a!)
  // fin's token on /v1: refused, and counted as fin's.
  expect((await fetch(`${stack.relay.url}/v1/lookup?ids=${a}`, { headers: { authorization: `Bearer ${FIN.token}` } })).status).toBe(403)
  // The audit writes in the background: wait for every row.
  await pollUntil(
    async () =>
      (await stack.relay.queryAudit<{ n: number }>("SELECT COUNT(*) AS n FROM audit WHERE agent IN ('ann', 'bob', 'lead', 'fin')"))[0]!.n,
    (n) => n === seededIds.length + 4,
    { timeoutMs: WAIT.timeout, what: "the seeded requests' audit rows" },
  )
})

/** One MCP tools/call as the AI agent, with the official SDK client. */
async function finLooksUp(id: string): Promise<void> {
  const client = new Client({ name: 'admin-usage-e2e', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', stack.relay.url), {
      requestInit: { headers: { authorization: `Bearer ${FIN.token}` } },
    }),
  )
  try {
    expect(
      (await client.callTool({ name: 'lookup', arguments: { ids: [id], on_behalf_of: 'alex', ticket: MARKUP_TICKET } })).isError,
    ).toBeFalsy()
  } finally {
    await client.close()
  }
}

afterAll(async () => {
  await stack?.stop()
})

/** The cells of an agent's total row: lookups, reads, actions, refused, other. */
const totalRow = (page: Page, agent: string) =>
  page.locator(`[data-testid="agent-usage"][data-agent="${agent}"] tfoot td`).allTextContents()

async function download(page: Page, format: 'csv' | 'ndjson'): Promise<string> {
  await page.selectOption('[data-testid="export-format"]', format)
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-download"]')])
  expect(file.suggestedFilename()).toMatch(new RegExp(`^idv-lens-audit-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.${format}$`))
  await expect.poll(() => page.getAttribute('[data-testid="export-status"]', 'data-phase'), WAIT).toBe('done')
  return readFile((await file.path())!, 'utf8')
}

/** The audit's own rows, oldest first, as the export must hold them (the export's own row may land after it). */
const auditRows = () =>
  stack.relay.queryAudit<{ request_id: string; agent: string | null; route: string }>(
    'SELECT request_id, agent, route FROM audit ORDER BY at, seq',
  )

/** What the vendor charts say under each chart. */
const budgetCaptions = (page: Page) => page.locator('[data-testid="vendor-chart"] figcaption').allTextContents()

/** Persona's budget as the gate counts it (`GET /v1/status`): its calls and its window's seconds. */
async function personaGate(): Promise<{ limit: number; windowSeconds: number }> {
  const res = await fetch(`${stack.relay.url}/v1/status`, { headers: { authorization: `Bearer ${LEAD.token}` } })
  return ((await res.json()) as { vendors: { persona: { budget: { limit: number; windowSeconds: number } } } }).vendors.persona.budget
}

async function openAdminPage(locale: 'en' | 'de'): Promise<{ browser: ExtensionBrowser; page: Page }> {
  const browser = await launchWithExtension({ extensionDir: EXTENSION_DIR, locale })
  await browser.setSettings({ workerUrl: stack.relay.url, agentToken: LEAD.token })
  const page = await browser.context.newPage()
  await page.goto(browser.pageUrl('admin.html'))
  await page.locator('[data-testid="agent-usage"][data-agent="bob"]').waitFor(WAIT)
  return { browser, page }
}

describe('the admin page', () => {
  it('shows the team usage per agent and vendor, and downloads the export (English)', async () => {
    const { browser, page } = await openAdminPage('en')
    try {
      expect(await page.locator('h1').textContent()).toBe('Team usage and audit')
      // ann: 3 lookups, the list and a detail (2 reads); bob: 2 lookups, a 400 and a 403.
      expect(await totalRow(page, 'ann')).toEqual(['3', '2', '0', '0', '0'])
      expect(await totalRow(page, 'bob')).toEqual(['2', '0', '0', '400 ×1, 403 ×1', '0'])
      // The AI agent: its own table beside the agents', marked AI; the people's are not.
      expect(await totalRow(page, 'fin')).toEqual(['1', '0', '0', '403 ×1', '0'])
      // And per AI client: its tool calls, by tool, and its refusals by reason (its token on /v1).
      expect(await page.locator('[data-testid="ai-clients"] tbody tr[data-client="fin"] > *').allTextContents()).toEqual([
        'fin',
        '1',
        'lookup 1',
        'forbidden ×1',
      ])
      expect(await page.locator('[data-testid="agent-usage"][data-agent="fin"] caption').textContent()).toBe('fin AI')
      expect(await page.locator('[data-testid="ai-principal"]').count()).toBe(1)
      // Each vendor's chart totals the audit's requests that went to it.
      const [counted] = await stack.relay.queryAudit<{ n: number }>(
        "SELECT COUNT(*) AS n FROM audit WHERE outcome IN ('miss', 'vendor-error') AND ',' || vendor || ',' LIKE '%,persona,%'",
      )
      const personaCalls = counted!.n
      expect(await page.getAttribute('[data-testid="vendor-chart"][data-vendor="persona"]', 'data-total')).toBe(String(personaCalls))
      expect(personaCalls).toBeGreaterThan(0)
      const [stripeCounted] = await stack.relay.queryAudit<{ n: number }>(
        "SELECT COUNT(*) AS n FROM audit WHERE outcome IN ('miss', 'vendor-error') AND ',' || vendor || ',' LIKE '%,stripe,%'",
      )
      expect(stripeCounted!.n).toBeGreaterThan(0)
      expect(await page.getAttribute('[data-testid="vendor-chart"][data-vendor="stripe"]', 'data-total')).toBe(String(stripeCounted!.n))
      expect(
        await page.locator('[data-testid="vendor-chart"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-vendor'))),
      ).toEqual([...VENDOR_NAMES])
      // Each budget per the window the vendor states its limit in (Persona's minute), not the longer one the gate counts.
      const persona = await personaGate()
      expect(persona.windowSeconds, 'the gate counts longer than a minute').toBeGreaterThan(60)
      expect(await budgetCaptions(page)).toEqual(
        expect.arrayContaining([`Persona ${personaCalls} · Budget: ${persona.limit} calls per minute`]),
      )
      expect((await budgetCaptions(page)).join('\n')).not.toMatch(/\d s$/m)
      expect(await page.getByTestId('budget-margin').textContent()).toContain('a little longer than the vendor does')
      expect(await page.locator('[data-testid="retention"]').textContent()).toContain('90 days (AUDIT_RETENTION_DAYS)')
      // The export's fields in one row: their labels on one line, their controls and the button on one bottom.
      const row = await page.locator('[data-testid="export-form"]').evaluate((form) => {
        const edge = (els: Element[], side: 'top' | 'bottom') => els.map((el) => Math.round(el.getBoundingClientRect()[side]))
        const labels = [...form.querySelectorAll('label')]
        const captions = labels.map((label) => {
          const range = document.createRange()
          range.selectNodeContents(label.firstChild!)
          return range
        })
        return {
          labels: edge(captions as unknown as Element[], 'top'),
          controls: edge([...form.querySelectorAll('input, select, button')], 'bottom'),
        }
      })
      expect(new Set(row.labels).size, JSON.stringify(row)).toBe(1)
      expect(new Set(row.controls).size, JSON.stringify(row)).toBe(1)
      await mkdir(ARTIFACTS, { recursive: true })
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme })
        await wholePageShot(page, join(ARTIFACTS, `admin-${colorScheme}.png`))
      }

      const before = await auditRows()
      const csv = (await download(page, 'csv')).split('\r\n')
      expect(csv[0]).toBe(AUDIT_EXPORT_COLUMNS.join(','))
      const exported = csv.slice(1, -1).map((line) => line.split(',')[1])
      // Every row held before the click, once and in order; after them at most the export's own row.
      expect(exported.slice(0, before.length)).toEqual(before.map((r) => r.request_id))
      expect(exported.length - before.length).toBeLessThanOrEqual(1)
      for (const id of seededIds) expect(exported.filter((e) => e === id)).toHaveLength(1)

      const ndjson = (await download(page, 'ndjson'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { requestId: string; agent: string })
      expect(ndjson.map((r) => r.requestId).slice(0, before.length)).toEqual(before.map((r) => r.request_id))
      // The downloads are audited: rows for the lead's exports.
      await expect
        .poll(async () => (await auditRows()).filter((r) => r.route === '/v1/admin/audit/export' && r.agent === 'lead').length, WAIT)
        .toBe(2)
    } finally {
      await browser.close()
    }
  })

  it("says each vendor's budget per the vendor's own window in German too", async () => {
    const { browser, page } = await openAdminPage('de')
    try {
      const persona = await personaGate()
      expect((await budgetCaptions(page)).find((caption) => caption.startsWith('Persona'))).toMatch(
        new RegExp(`· Budget: ${persona.limit} Abrufe pro Minute$`),
      )
      expect(await page.getByTestId('budget-margin').textContent()).toContain('etwas länger als der Anbieter')
    } finally {
      await browser.close()
    }
  })

  it("is reached from the side panel's audit part", async () => {
    const browser = await launchWithExtension({ extensionDir: EXTENSION_DIR })
    try {
      await browser.setSettings({ workerUrl: stack.relay.url, agentToken: LEAD.token })
      const panel = await openSidePanelPage(browser, [])
      await panel.getByTestId('lookup-input').fill(firstInquiry)
      await panel.getByTestId('lookup-submit').click()
      const audit = panel.locator(`[data-testid="detail"][data-id="${firstInquiry}"]`).getByTestId('detail-audit')
      const [admin] = await Promise.all([browser.context.waitForEvent('page'), audit.getByTestId('open-admin-page').click()])
      await admin.locator('[data-testid="agent-usage"][data-agent="ann"]').waitFor(WAIT)
      expect(admin.url()).toBe(browser.pageUrl('admin.html'))
      expect(await totalRow(admin, 'ann')).toEqual(['3', '2', '0', '0', '0'])
      // Who looked at it: fin's call with what it asserted, its markup as text.
      await audit.getByTestId('audit-who').click()
      const fin = audit.locator('[data-testid="audit-by-id"] [data-testid="audit-row"][data-agent="fin"]')
      await fin.waitFor(WAIT)
      expect(await fin.getByTestId('audit-asserted').textContent()).toBe(`(as asserted: for alex, ticket ${MARKUP_TICKET})`)
      expect(await fin.locator('img').count()).toBe(0)
    } finally {
      await browser.close()
    }
  })
})
