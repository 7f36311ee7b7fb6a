/**
 * The `why_failed` tool under `wrangler dev` with the official SDK client: for the demo story's failed
 * inquiry and a failed inquiry with several checks, one of them a suspicion, its `customer_reply`
 * equals what the extension's own reply function (extension/src/lib/customer-reply.ts, over the real
 * messages.json) gives for the same record, in English and German, with the team's texts from
 * `REPLY_TEXTS` where set. No result holds an ID, a check code or a personal value of the demo.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DEMO, REPO_ROOT, startStack, type Stack } from '../harness/stack.ts'
import { toolResultScan, type ToolResult } from '../harness/tool-result-scan.ts'

// The extension's reply reads its words through the browser's i18n: here Chrome's getMessage over the
// real messages.json files (the extension's own test fake), in the language a test picks.
const locale = vi.hoisted(() => ({ lang: 'en' }))
vi.mock('#imports', async () => {
  const fake = (await import(new URL('../../extension/test-support/i18n-fake.ts', import.meta.url).href)) as {
    CATALOGS: Record<string, never>
    getMessage: (catalog: never, key: string, subs?: string[]) => string
  }
  return {
    browser: {
      i18n: {
        getMessage: (key: string, subs?: string[]) => fake.getMessage(fake.CATALOGS[locale.lang]!, key, subs),
        getUILanguage: () => locale.lang,
      },
    },
  }
})

type Facts = { kind: string; status: string; reason: unknown }
type CustomerReply = (facts: Facts, options?: { texts?: Record<string, Record<string, string>> }) => string

const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
/** The story's declined Onfido run (worker/demo-upstream/onfido-seed.ts). */
const ONFIDO_DECLINED = 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46'
/** Checks that point at fraud or another person, named here rather than read from the tables under test. */
const SUSPICION = new Set([
  'selfie_suspicious_entity_detection',
  'selfie_public_figure_detection',
  'selfie_repeat_detection',
  'id_compromised_detection',
  'id_fabrication_detection',
  'id_tamper_detection',
  'id_repeat_detection',
])
/** The team's German "not verified" (the relay's REPLY_TEXTS): the suspicion's German reply must be it. */
const TEAM_TEXTS = {
  de: { not_verified: 'Wir konnten Ihre Identität nicht bestätigen. Unser Team meldet sich bei Ihnen.' },
  en: { 'bad key!': 'dropped' },
}

let stack: Stack
let client: Client
let customerReply: CustomerReply
/** Every tool result of the file (and the demo's print-out), scanned for personal values at the end. */
const results = toolResultScan()

/** A failed inquiry of the demo data with two or more failed checks, one a suspicion, read from the demo upstream itself. */
async function flaggedInquiry(personaBase: string): Promise<string> {
  const headers = { authorization: 'Bearer persona_demo_why_failed_e2e' }
  const list = (await (await fetch(`${personaBase}/inquiries?filter%5Bstatus%5D=failed&page%5Bsize%5D=100`, { headers })).json()) as {
    data: { id: string }[]
  }
  for (const { id } of list.data) {
    const body = (await (await fetch(`${personaBase}/inquiries/${id}?include=verifications`, { headers })).json()) as {
      included?: { type: string; attributes: { checks?: { name: string; status: string }[] } }[]
    }
    const failed = (body.included ?? [])
      .filter((i) => i.type.startsWith('verification/'))
      .flatMap((v) => (v.attributes.checks ?? []).filter((c) => c.status === 'failed'))
    if (failed.length >= 2 && failed.some((c) => SUSPICION.has(c.name)) && failed.some((c) => !SUSPICION.has(c.name))) return id
  }
  throw new Error('the demo data has no failed inquiry with a suspicion among several failed checks')
}

/** The demo's declined Onfido run whose workflow sets no reasons (worker/demo-upstream/onfido-seed.ts), read from the demo upstream. */
async function reasonlessRun(onfidoBase: string): Promise<string> {
  const headers = { authorization: `Token token=${DEMO.keys.onfido}` }
  for (let page = 1; page <= 10; page++) {
    const runs = (await (await fetch(`${onfidoBase}/workflow_runs?status=declined&page=${page}`, { headers })).json()) as {
      id: string
      reasons: string[]
    }[]
    const found = runs.find((run) => run.reasons.length === 0)
    if (found) return found.id
    if (runs.length === 0) break
  }
  throw new Error('the demo data has no declined Onfido run without reasons')
}

beforeAll(async () => {
  stack = await startStack({ agentTokens: `${DEMO.aiName}:${DEMO.aiToken}:ai`, vars: { REPLY_TEXTS: JSON.stringify(TEAM_TEXTS) } })
  client = new Client({ name: 'why-failed-e2e', version: '1.0.0' })
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/mcp', stack.relay.url), {
      requestInit: { headers: { authorization: `Bearer ${DEMO.aiToken}` } },
    }),
  )
  customerReply = (
    (await import(new URL('../../extension/src/lib/customer-reply.ts', import.meta.url).href)) as { customerReply: CustomerReply }
  ).customerReply
})

afterAll(async () => {
  await client?.close()
  await stack?.stop()
})

async function call(name: string, args: Record<string, unknown>): Promise<ToolResult> {
  const result = (await client.callTool({ name, arguments: args })) as ToolResult
  results.record(name, result)
  return result
}

type WhyFailed = {
  id: string
  status: string
  failed_checks: { check: string; reasons: string[]; words: string }[]
  failed_count: number
  customer_may_retry: boolean
  customer_reply: string
}

/** The tool's answer and the extension's reply for the lookup record of the same ID, in `lang`. */
async function bothReplies(id: string, lang: 'en' | 'de'): Promise<{ tool: WhyFailed; extension: string }> {
  const why = await call('why_failed', { id, language: lang, ticket: 'ZD-2002' })
  expect(why.isError, JSON.stringify(why)).toBeFalsy()
  const lookup = await call('lookup', { ids: [id] })
  const record = (lookup.structuredContent as { data: Facts[] }).data[0]!
  locale.lang = lang
  const extension = customerReply(record, { texts: TEAM_TEXTS })
  return { tool: why.structuredContent as WhyFailed, extension }
}

describe('why_failed under wrangler dev', () => {
  it.each(['en', 'de'] as const)("answers the story's failed inquiry with the extension's reply (%s)", async (lang) => {
    const { tool, extension } = await bothReplies(STORY_INQUIRY, lang)
    expect(tool).toMatchObject({ id: STORY_INQUIRY, status: 'failed', customer_may_retry: true })
    expect(tool.failed_checks.length).toBeGreaterThan(0)
    expect(tool.failed_checks.every((f) => f.words && f.words !== f.check)).toBe(true)
    expect(tool.customer_reply).toBe(extension)
    expect(tool.customer_reply).not.toContain(STORY_INQUIRY)
  })

  it.each(['en', 'de'] as const)(
    'answers a flagged inquiry with several failed checks as the extension does, the team text in German (%s)',
    async (lang) => {
      const id = await flaggedInquiry(stack.upstream.personaBase)
      const { tool, extension } = await bothReplies(id, lang)
      expect(tool.failed_count).toBeGreaterThanOrEqual(2)
      expect(tool.customer_may_retry).toBe(false)
      expect(tool.customer_reply).toBe(extension)
      if (lang === 'de') expect(tool.customer_reply).toBe(TEAM_TEXTS.de.not_verified)
      else expect(tool.customer_reply).toMatch(/^We could not verify your identity/)
      for (const f of tool.failed_checks) {
        expect(tool.customer_reply).not.toContain(f.check)
        for (const code of f.reasons) expect(tool.customer_reply).not.toContain(code)
      }
    },
  )

  it.each(['en', 'de'] as const)(
    "answers Onfido runs in words as the extension does, the story's and one without reasons (%s)",
    async (lang) => {
      const reasonless = await reasonlessRun(stack.upstream.onfidoBase)
      for (const id of [ONFIDO_DECLINED, reasonless]) {
        const { tool, extension } = await bothReplies(id, lang)
        expect(tool).toMatchObject({ id, status: 'declined' })
        expect(tool.failed_checks.length).toBeGreaterThan(0)
        expect(tool.failed_checks.every((f) => f.words && f.words !== f.check && !f.words.includes('"'))).toBe(true)
        expect(tool.customer_reply).toBe(extension)
        // Codes that are plain words (`document`, `rejected`) may be words of a reply too.
        const codes = tool.failed_checks.flatMap((f) => [f.check, ...f.reasons]).filter((code) => code.includes('_'))
        expect(codes.length).toBeGreaterThan(0)
        for (const code of codes) expect(tool.customer_reply).not.toContain(code)
        expect(tool.customer_reply).not.toContain(id)
      }
    },
  )

  it('refuses an unknown ID as a result the model reads', async () => {
    const missing = await call('why_failed', { id: 'inq_NoSuchInquiryAtAllXXXXXXXXXX' })
    expect(missing.isError).toBe(true)
    expect(missing.content[0]!.text).toContain('not-found')
  })

  it('is what `npm run mcp:demo` asks, and prints the reply', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['test/scripts/mcp-demo.ts', stack.relay.url, DEMO.aiToken], {
      cwd: REPO_ROOT,
      timeout: 60_000,
    })
    expect(stdout).toMatch(/^tools: .*why_failed/m)
    expect(stdout).toContain(`${STORY_INQUIRY}: "failed"`)
    expect(stdout).toContain('We could not match your selfie to the photo on your ID.')
    results.recordText(stdout)
  })

  it('holds none of the demo’s personal values in any result', () => {
    expect(results.count).toBeGreaterThanOrEqual(17)
    expect(results.personalValues()).toEqual([])
  })
})
