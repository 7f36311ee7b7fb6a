/**
 * `npm run token -- <name> [--admin]`: a new random agent token and the AGENT_TOKENS entries to paste.
 * Give the token to the agent (their extension's settings); store only the hashed entry in the secret.
 */
import { randomBytes } from 'node:crypto'
import { isAgentName, isBearerToken } from '@idv-lens/worker/agent-tokens'
import { sha256Hex } from '@idv-lens/worker/sha256'

const args = process.argv.slice(2).filter((a) => a !== '--')
const admin = args.includes('--admin')
const name = args.find((a) => !a.startsWith('--'))
if (!name || !isAgentName(name)) {
  console.error('usage: npm run token -- <agent name> [--admin]   (name: letters, digits, . _ @ -, at most 64)')
  process.exit(2)
}
// 32 random bytes, base64url: 43 characters of the Bearer token grammar.
const token = `idvl_${randomBytes(32).toString('base64url')}`
if (!isBearerToken(token)) throw new Error('generated token does not fit the bearer grammar')
const suffix = admin ? ':admin' : ''
console.log(`token for ${name} (give it to the agent; it is shown only now):
  ${token}

AGENT_TOKENS entry to add (only the hash is stored; comma-separate entries):
  ${name}:sha256:${await sha256Hex(token)}${suffix}

or, in plain form (local use):
  ${name}:${token}${suffix}`)
