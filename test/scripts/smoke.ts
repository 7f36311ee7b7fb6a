/**
 * `npm run smoke -- <relay url> [--env staging|production] [--origin chrome-extension://<id>]...`
 * Checks a running relay (see smoke-checks.ts). The agent token comes from IDV_LENS_TOKEN, never from
 * the command line (it would land in the shell history). `--env` takes the allowed origins from that
 * environment in wrangler.toml. Exits 1 when any check fails.
 */
import { parseArgs } from 'node:util'
import { formatSmoke, smoke } from './smoke-checks.ts'
import { deployTarget } from './wrangler-config.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { env: { type: 'string', short: 'e' }, origin: { type: 'string', multiple: true } },
})
const url = positionals[0]
if (!url || !/^https?:\/\//.test(url)) {
  console.error('usage: npm run smoke -- <relay url> [--env <name>] [--origin <origin>]...   (token in IDV_LENS_TOKEN)')
  process.exit(2)
}
const origins = [...(values.env ? deployTarget(values.env).allowedOrigins : []), ...(values.origin ?? [])]
const results = await smoke({ url, token: process.env.IDV_LENS_TOKEN, origins: [...new Set(origins)] })
console.log(formatSmoke(results))
process.exit(results.every((r) => r.ok) ? 0 : 1)
