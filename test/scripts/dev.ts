/**
 * `npm run dev`: everything a newcomer needs on demo data, no vendor account.
 * Starts the demo upstream (fake Persona + deepidv) and the real Worker under `wrangler dev`,
 * and builds the development extension, pre-configured for this relay.
 */
import { buildExtension } from '../harness/build-extension.ts'
import { DEMO, startRelay, startDemoUpstream } from '../harness/stack.ts'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'

const RELAY_PORT = Number(process.env.RELAY_PORT ?? 8787)
const UPSTREAM_PORT = Number(process.env.DEMO_UPSTREAM_PORT ?? 8788)
const TICKET_PORT = Number(process.env.DEMO_TICKET_PORT ?? 8789)
const TICKET_PAGE = new URL('../fixtures/helpdesk/zendesk-ticket.html', import.meta.url)

const WEBHOOK_INTERVAL_MS = Number(process.env.DEMO_WEBHOOK_INTERVAL_MS ?? 4000)

// The demo vendors deliver signed webhooks to the relay (live events), alternating, every few seconds.
const upstream = await startDemoUpstream({
  port: UPSTREAM_PORT,
  webhooks: {
    target: `http://127.0.0.1:${RELAY_PORT}`,
    intervalMs: WEBHOOK_INTERVAL_MS,
    personaSecret: DEMO.personaWebhookSecret,
    deepidvSecret: DEMO.deepidvWebhookSecret,
  },
})
const relay = await startRelay({
  personaBase: upstream.personaBase,
  deepidvBase: upstream.deepidvBase,
  port: RELAY_PORT,
  echo: true,
  vars: { PERSONA_WEBHOOK_SECRET: DEMO.personaWebhookSecret, DEEPIDV_WEBHOOK_SECRET: DEMO.deepidvWebhookSecret },
})
// A ticket-like page to try inline lookups on. It is not a helpdesk host, so the extension runs
// there only when asked: the Alt+Shift+L shortcut, the page's context menu, or the popup.
const ticket = createServer(async (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await readFile(TICKET_PAGE, 'utf8'))
})
try {
  await new Promise<void>((resolve, reject) => ticket.once('error', reject).listen(TICKET_PORT, '127.0.0.1', resolve))
} catch (err) {
  await Promise.all([relay.stop(), upstream.stop()])
  throw new Error(`Cannot serve the demo ticket page on 127.0.0.1:${TICKET_PORT} (${(err as Error).message}); set DEMO_TICKET_PORT to another port.`)
}

// A plain development build (no dev server needed to load it). For hot reload while working on the
// extension, run `pnpm -F @idv-lens/extension dev` in another terminal instead.
console.log('building the development extension...')
buildExtension('development', { show: true })

console.log(`
  IDV Lens is running on demo data.

  Relay (Worker)     ${relay.url}          try: curl -H 'Authorization: Bearer ${DEMO.agentToken}' ${relay.url}/v1/persona/inquiry-sessions
  Demo upstream      ${upstream.url}       (fake Persona + deepidv)
  Demo ticket page   http://127.0.0.1:${TICKET_PORT}/       press Alt+Shift+L there (or use the popup) to find its IDs
  Agent token        ${DEMO.agentToken}     (demo only)
  Live events        the demo vendors post signed webhooks to ${relay.url}/webhooks/persona and /webhooks/deepidv
                     every ${WEBHOOK_INTERVAL_MS / 1000} s (DEMO_WEBHOOK_INTERVAL_MS); one now: curl -X POST ${upstream.url}/__demo/webhooks/persona
                     PERSONA_WEBHOOK_SECRET=${DEMO.personaWebhookSecret}  DEEPIDV_WEBHOOK_SECRET=${DEMO.deepidvWebhookSecret}  (demo only)
  Extension build    extension/.output/chrome-mv3-dev  → chrome://extensions → Developer mode → Load unpacked
                     (pre-configured for this relay; its ID is ${DEMO.extensionOrigin.slice('chrome-extension://'.length)})

  Ctrl+C stops everything.
`)

const stopAll = async () => {
  ticket.close()
  await Promise.allSettled([relay.stop(), upstream.stop()])
  process.exit(0)
}
process.once('SIGINT', stopAll)
process.once('SIGTERM', stopAll)
