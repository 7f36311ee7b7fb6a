/**
 * `npm run dev`: everything a newcomer needs on demo data, no vendor account.
 * Starts the demo upstream (fake Persona + deepidv) and the real Worker under `wrangler dev`,
 * and builds the development extension, pre-configured for this relay.
 */
import { DEMO, REPO_ROOT, startRelay, startDemoUpstream } from '../harness/stack.ts'
import { execFileSync } from 'node:child_process'

const RELAY_PORT = Number(process.env.RELAY_PORT ?? 8787)
const UPSTREAM_PORT = Number(process.env.DEMO_UPSTREAM_PORT ?? 8788)

const upstream = await startDemoUpstream({ port: UPSTREAM_PORT })
const relay = await startRelay({
  personaBase: upstream.personaBase,
  deepidvBase: upstream.deepidvBase,
  port: RELAY_PORT,
  echo: true,
})
// A plain development build (no dev server needed to load it). For hot reload while working on the
// extension, run `pnpm -F @idv-lens/extension dev` in another terminal instead.
console.log('building the development extension...')
execFileSync('pnpm', ['-F', '@idv-lens/extension', 'exec', 'wxt', 'build', '--mode', 'development'], { cwd: REPO_ROOT, stdio: 'inherit' })

console.log(`
  IDV Lens is running on demo data.

  Relay (Worker)     ${relay.url}          try: curl -H 'Authorization: Bearer ${DEMO.agentToken}' ${relay.url}/v1/persona/inquiry-sessions
  Demo upstream      ${upstream.url}       (fake Persona + deepidv)
  Agent token        ${DEMO.agentToken}     (demo only)
  Extension build    extension/.output/chrome-mv3-dev  → chrome://extensions → Developer mode → Load unpacked
                     (pre-configured for this relay; its ID is ${DEMO.extensionOrigin.slice('chrome-extension://'.length)})

  Ctrl+C stops everything.
`)

const stopAll = async () => {
  await Promise.allSettled([relay.stop(), upstream.stop()])
  process.exit(0)
}
process.once('SIGINT', stopAll)
process.once('SIGTERM', stopAll)
