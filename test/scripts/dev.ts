/**
 * `npm run dev`: everything a newcomer needs on demo data, no vendor account.
 * Starts the demo upstream (a fake of every vendor) and the real Worker under `wrangler dev`,
 * and builds the development extension, pre-configured for this relay.
 */
import { ACTION_NAMES } from '@idv-lens/shared/api'
import { buildExtension } from '../harness/build-extension.ts'
import { stopEveryProcess } from '../harness/processes.ts'
import { demoBases, relayWebhookVars, vendorLabels, WEBHOOK_VENDORS } from '../harness/demo-vendors.ts'
import { DEMO, DEV_AGENT_TOKENS, startRelay, startDemoUpstream } from '../harness/stack.ts'
import { flaggedDemoInquiry, withFlaggedNote } from './demo-flagged.ts'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createInterface } from 'node:readline'

const RELAY_PORT = Number(process.env.RELAY_PORT ?? 8787)
const UPSTREAM_PORT = Number(process.env.DEMO_UPSTREAM_PORT ?? 8788)
const TICKET_PORT = Number(process.env.DEMO_TICKET_PORT ?? 8789)
const TICKET_PAGE = new URL('../fixtures/helpdesk/demo-ticket.html', import.meta.url)

const WEBHOOK_INTERVAL_MS = Number(process.env.DEMO_WEBHOOK_INTERVAL_MS ?? 4000)
// The demo ticket's story (worker/demo-upstream/persona-story.ts): the failed inquiry on the page and its customer's reference.
const STORY_INQUIRY = 'inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e'
const STORY_REFERENCE = 'user-7431'
// Dana's declined Onfido run, also on the page (worker/demo-upstream/onfido-seed.ts, its story).
const STORY_ONFIDO_RUN = 'c2a7e5f1-4b9d-4e3a-8f60-1d5b7c9e2a46'
// Mara's Sumsub applicant, rejected RETRY (worker/demo-upstream/sumsub/sumsub-seed.ts).
const STORY_SUMSUB_APPLICANT = '65a1f0c2e4b0a1b2c3d4e504'
// After this many log lines the banner has scrolled away: it comes back once the log goes quiet.
const BANNER_AFTER_LINES = 30
const QUIET_MS = 2000
const WEBHOOK_SUMMARY_MS = 60_000

/**
 * What Ctrl+C undoes, added as each part starts. The handlers come before the first start: the
 * demo upstream and the relay run in process groups of their own, so a Ctrl+C during the start
 * (the relay's, the extension's build) must stop them, not just this process. A start cut short
 * undoes its own part (the relay removes its state directory), so the exit waits for it.
 */
const cleanups: (() => unknown)[] = []
const starts: Promise<unknown>[] = []
let stopping: Promise<never> | null = null
const stopAll = (exitCode = 0) =>
  (stopping ??= (async () => {
    console.log('\nstopping the demo upstream and the relay...')
    await Promise.allSettled([...cleanups.map((cleanup) => cleanup()), stopEveryProcess()])
    await Promise.allSettled(starts)
    process.exit(exitCode)
  })())
// Every Ctrl+C, not just the first: a second one while the stop runs would otherwise end this
// process at once and leave the relay, in its own process group, running on its port.
process.on('SIGINT', () => stopAll())
process.on('SIGTERM', () => stopAll())

/**
 * A part's start, unless Ctrl+C has come: then nothing more starts. One that fails undoes every part
 * and ends the command with its message. One that fails once Ctrl+C has come (its process stopped
 * under it) leaves the exit to that: the command ends as Ctrl+C ends it.
 */
async function starting<T>(begin: () => Promise<T>): Promise<T> {
  if (stopping) return stopping
  const start = begin()
  starts.push(start)
  try {
    return await start
  } catch (err) {
    if (!stopping) console.error(`\nnpm run dev: ${err instanceof Error ? err.message : String(err)}`)
    return stopAll(1)
  }
}

// A plain development build (no dev server needed to load it), made while the relay starts. For hot
// reload while working on the extension, run `pnpm -F @idv-lens/extension dev` in another terminal instead.
console.log('building the development extension...')
const extensionBuilt = buildExtension('development', { show: true })
extensionBuilt.catch(() => {}) // awaited (and its failure reported) once the relay is up

// The demo vendors deliver signed webhooks to the relay (live events), alternating, every few seconds.
const upstream = await starting(() =>
  startDemoUpstream({
    port: UPSTREAM_PORT,
    webhooks: {
      target: `http://127.0.0.1:${RELAY_PORT}`,
      intervalMs: WEBHOOK_INTERVAL_MS,
    },
  }),
)
cleanups.push(() => upstream.stop())
const relay = await starting(() =>
  startRelay({
    ...demoBases(upstream.url),
    port: RELAY_PORT,
    devtools: true,
    // The demo agent (an email, for "Assign to me") is an admin, an actor and a reviewer, with every agent action
    // on: the demo upstream performs them (a one-time link's requester check still comes first, as by default).
    // The demo AI client (role ai) may use /mcp only; an actor there too, with every action tool on (MCP_ACTIONS).
    agentTokens: `${DEV_AGENT_TOKENS}:reviewer,${DEMO.aiName}:${DEMO.aiToken}:ai:actor`,
    vars: {
      ...relayWebhookVars(),
      ACTIONS: ACTION_NAMES.join(','),
      MCP_ACTIONS: ACTION_NAMES.join(','),
      // A flagged inquiry's detail offers this escalation: the demo upstream adds the tag as Persona would.
      FLAGGED_ESCALATION: 'tag:fraud-review',
      FLAGGED_CONTACT: 'Tell the fraud team in #fraud-review.',
    },
  }),
)
cleanups.push(() => relay.stop())
// A ticket-like page to try inline lookups on. It is not a helpdesk host, so the extension runs
// there only when asked: the page's context menu, the popup, or a key bound to show-page-ids.
const FLAGGED = await flaggedDemoInquiry(upstream.personaBase).catch(() => null)
const ticket = createServer(async (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(withFlaggedNote(await readFile(TICKET_PAGE, 'utf8'), FLAGGED))
})
try {
  await new Promise<void>((resolve, reject) => ticket.once('error', reject).listen(TICKET_PORT, '127.0.0.1', resolve))
} catch (err) {
  await Promise.all([relay.stop(), upstream.stop()])
  throw new Error(
    `Cannot serve the demo ticket page on 127.0.0.1:${TICKET_PORT} (${(err as Error).message}); set DEMO_TICKET_PORT to another port.`,
  )
}
cleanups.push(() => ticket.close())

await starting(() => extensionBuilt)

const extensionId = DEMO.extensionOrigin.slice('chrome-extension://'.length)
// The build's preset relay is extension/.env.development's, the default port's.
const PRESET_RELAY = 'http://127.0.0.1:8787'
const preset =
  relay.url === PRESET_RELAY
    ? 'pre-configured for this relay'
    : `pre-configured for ${PRESET_RELAY}: enter ${relay.url} on its options page`
/** "a, b and c". */
const listed = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`)
const WEBHOOK_PATHS = listed(WEBHOOK_VENDORS.map((name) => `/webhooks/${name}`))
// Two secrets a line, so the banner keeps its width as vendors come.
const WEBHOOK_SECRETS = Object.entries(relayWebhookVars())
  .map(([name, value]) => `${name}=${value}`)
  .reduce<string[]>((lines, pair, i) => (i % 2 === 0 ? [...lines, pair] : [...lines.slice(0, -1), `${lines.at(-1)}  ${pair}`]), [])
  .join('\n                     ')
const banner = `
  IDV Lens is running on demo data.

  Relay (Worker)     ${relay.url}          try: curl -H 'Authorization: Bearer ${DEMO.agentToken}' ${relay.url}/v1/persona/inquiry-sessions
  Demo upstream      ${upstream.url}       (fake ${listed(vendorLabels())})
  Demo ticket page   http://127.0.0.1:${TICKET_PORT}/       use the popup there (Find IDs on this page) to find its IDs
                     its story: ${STORY_INQUIRY} failed (the selfie does not match the ID), a reviewer's case is open,
                     and reference ${STORY_REFERENCE} tried before (worker/demo-upstream/README.md); Dana's Onfido run
                     ${STORY_ONFIDO_RUN} was declined (a blurred document photo); Mara's Sumsub applicant
                     ${STORY_SUMSUB_APPLICANT} was rejected RED RETRY (a screenshot). To change the inquiry's status:
                     curl -X POST -d '{"status":"approved"}' ${upstream.url}/__demo/persona/inquiries/${STORY_INQUIRY}/status
                     ${FLAGGED ?? 'no inquiry'} (the internal note's) a fraud check flagged: its detail offers the
                     escalation (FLAGGED_ESCALATION: the tag fraud-review), never a link
  Agent token        ${DEMO.agentToken}     (demo only; an admin, so the audit view works, an actor and a
                     reviewer: every agent action and decision is on; after sending a one-time link, the customer finishing it:
                     curl -X POST ${upstream.url}/__demo/persona/inquiries/<inq_…>/finish-link)
  MCP                ${relay.url}/mcp   AI token ${DEMO.aiToken} (demo only; role ai, and actor: the action tools are on)
                     try: npm run mcp:demo (lists the tools, asks why_failed about ${STORY_INQUIRY}; docs/mcp.md)
  Extension build    extension/.output/chrome-mv3-dev  → chrome://extensions → Developer mode → Load unpacked
                     (${preset}; its ID is ${extensionId})
  Live events        the demo vendors post signed webhooks to ${relay.url}: ${WEBHOOK_PATHS}
                     every ${WEBHOOK_INTERVAL_MS / 1000} s (DEMO_WEBHOOK_INTERVAL_MS); one now: curl -X POST ${upstream.url}/__demo/webhooks/${WEBHOOK_VENDORS[0]}
                     ${WEBHOOK_SECRETS}  (demo only)
                     delivered webhooks are counted once a minute below, not logged one by one
  Daily cron         wrangler says scheduled Workers are not triggered locally: that is the audit log's
                     retention purge, which demo data does not need; to run it once:
                     curl ${relay.url}/cdn-cgi/local/scheduled
  Ports              RELAY_PORT, DEMO_UPSTREAM_PORT, DEMO_TICKET_PORT (8787, 8788, 8789 unless set)

  Ctrl+C stops everything.
`
const reminder = `
  -- IDV Lens on demo data: relay ${relay.url} · token ${DEMO.agentToken} · ticket page http://127.0.0.1:${TICKET_PORT}/
  -- load extension/.output/chrome-mv3-dev at chrome://extensions (Developer mode → Load unpacked) · Ctrl+C stops
`

// wrangler's own start-up notice about cron triggers is what the banner's "Daily cron" line explains.
const CRON_NOTICE = /Scheduled Workers are not automatically triggered/
// wrangler's line for each request; a webhook the relay stored is counted instead of printed.
const DELIVERED_WEBHOOK = new RegExp(`\\[wrangler:info\\] POST /webhooks/(${WEBHOOK_VENDORS.join('|')}) 2\\d\\d `)
const READY = /\[wrangler:info\] Ready on /
const ANSI = new RegExp(String.fromCharCode(27) + '\\[[0-9;?]*[A-Za-z]', 'g')

let linesSinceBanner = 0
let quietTimer: NodeJS.Timeout | undefined
const delivered = new Map(WEBHOOK_VENDORS.map((name): [string, number] => [name, 0]))

function print(line: string): void {
  console.log(line)
  linesSinceBanner++
  clearTimeout(quietTimer)
  if (linesSinceBanner >= BANNER_AFTER_LINES) {
    quietTimer = setTimeout(() => {
      console.log(reminder)
      linesSinceBanner = 0
    }, QUIET_MS)
  }
}

let inCronNotice = false

/** One line of the relay's log, unless the banner already stands for it. */
function relayLine(raw: string): void {
  const line = raw.replace(ANSI, '')
  if (CRON_NOTICE.test(line)) inCronNotice = true
  if (inCronNotice) {
    // The notice ends with its link.
    if (line.includes('cron-triggers')) inCronNotice = false
    return
  }
  const webhook = DELIVERED_WEBHOOK.exec(line)
  if (webhook) delivered.set(webhook[1]!, (delivered.get(webhook[1]!) ?? 0) + 1)
  else if (line.trim() !== '' && !READY.test(line)) print(raw)
}

// What wrangler said while starting (its warnings, if any), then what it says from here on.
relay.process.output().split('\n').forEach(relayLine)
for (const stream of [relay.process.child.stdout, relay.process.child.stderr]) {
  if (stream) createInterface({ input: stream }).on('line', relayLine)
}

const webhookSummary = setInterval(() => {
  const total = [...delivered.values()].reduce((sum, n) => sum + n, 0)
  if (total === 0) return
  const each = [...delivered].map(([name, n]) => `${name} ${n}`).join(', ')
  print(`live events: ${total} webhooks stored in the last minute (${each})`)
  for (const name of delivered.keys()) delivered.set(name, 0)
}, WEBHOOK_SUMMARY_MS)
cleanups.push(
  () => clearInterval(webhookSummary),
  () => clearTimeout(quietTimer),
)

console.log(banner)
linesSinceBanner = 0
