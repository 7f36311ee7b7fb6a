/**
 * The checks `npm run smoke` makes against a running relay: it is up, it refuses strangers, each
 * configured vendor accepts the relay's key (one cheap call that bypasses the relay's cache), and each
 * allowed extension origin gets through CORS. One pass/fail line each; nothing secret is printed.
 */
import { parseCacheStatus } from '@idv-lens/shared/api'

export type SmokeOptions = {
  /** The relay's base URL, e.g. https://idv-lens.example.com */
  url: string
  /** An agent token (from IDV_LENS_TOKEN); without one the authenticated checks fail. */
  token: string | undefined
  /** Extension origins that must pass the CORS preflight. */
  origins: string[]
  fetch?: typeof fetch
}

export type SmokeResult = { name: string; ok: boolean; detail: string }

type Health = {
  status?: string
  providers?: Record<string, { configured?: boolean; upstreamAuth?: { seenWithin5Minutes: boolean; lastSeenAt: string | null } }>
}
type Problem = { code?: string; detail?: string }

/**
 * One cheap read per vendor: the smallest page of its most basic list, up to now. The end date makes
 * each run's request new to the relay, so it reaches the vendor: the vendor gate answers a repeat of a
 * request made in the last 5 s from that request's answer, which would hide a key revoked since.
 */
const PROVIDER_PROBES: Record<string, (now: string) => string> = {
  persona: (now) => `/v1/persona/inquiries?page%5Bsize%5D=1&filter%5Bcreated-at-end%5D=${encodeURIComponent(now)}`,
  deepidv: (now) => `/v1/deepidv/sessions?limit=1&end_date=${encodeURIComponent(now)}`,
  stripe: (now) => `/v1/stripe/identity/verification_sessions?limit=1&created%5Blte%5D=${Math.floor(Date.parse(now) / 1000)}`,
}

/** A route to preflight: what the extension calls most. */
const PREFLIGHT_PATH = '/v1/lookup?ids=inq_zEx4jL84ShbUyuwX6AzPSqt6'
const STRANGER_ORIGIN = 'https://not-an-allowed-origin.invalid'

export async function smoke(options: SmokeOptions): Promise<SmokeResult[]> {
  const base = options.url.replace(/\/+$/, '')
  const get = options.fetch ?? fetch
  const results: SmokeResult[] = []
  const check = async (name: string, run: () => Promise<string>) => {
    try {
      results.push({ name, ok: true, detail: await run() })
    } catch (err) {
      results.push({ name, ok: false, detail: (err as Error).message })
    }
  }

  let health: Health = {}
  await check('healthz', async () => {
    const res = await get(`${base}/healthz`)
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
    health = (await res.json()) as Health
    if (health.status !== 'ok') throw new Error(`status ${JSON.stringify(health.status)}`)
    const providers = Object.entries(health.providers ?? {})
    const configured = providers.filter(([, p]) => p.configured).map(([name]) => name)
    if (configured.length === 0) throw new Error('no provider is configured (set PERSONA_API_KEY, DEEPIDV_API_KEY or STRIPE_API_KEY)')
    const refused = providers.filter(([, p]) => p.configured && p.upstreamAuth?.seenWithin5Minutes).map(([name]) => name)
    return (
      `ok; configured: ${configured.join(', ')}` +
      (providers.length > configured.length
        ? `; not configured: ${providers
            .filter(([, p]) => !p.configured)
            .map(([n]) => n)
            .join(', ')}`
        : '') +
      (refused.length > 0 ? `; refused the relay's key within 5 minutes: ${refused.join(', ')}` : '')
    )
  })

  await check('refuses requests without a token', async () => {
    const res = await get(`${base}${PROVIDER_PROBES.persona!(new Date().toISOString())}`)
    if (res.status !== 401) throw new Error(`expected 401, got HTTP ${res.status}: the relay must not answer strangers`)
    return '401'
  })

  for (const [provider, probe] of Object.entries(PROVIDER_PROBES)) {
    if (!health.providers?.[provider]?.configured) continue
    await check(`${provider} accepts the relay's key`, async () => {
      if (!options.token) throw new Error('IDV_LENS_TOKEN is not set: cannot make an authenticated call')
      // no-cache: a cached page would hide a key that was revoked since.
      const res = await get(`${base}${probe(new Date().toISOString())}`, {
        headers: { authorization: `Bearer ${options.token}`, 'cache-control': 'no-cache' },
      })
      const cacheStatus = res.headers.get('cache-status')
      const freshness = parseCacheStatus(cacheStatus)
      // A 200 can be a stored copy the relay fell back to because the vendor failed (stale-if-error).
      if (res.status === 200 && freshness?.staleIfError) {
        const keyRefused = freshness.forwardStatus === 401 || freshness.forwardStatus === 403
        throw new Error(
          `the vendor answered HTTP ${freshness.forwardStatus ?? '?'}; the relay served a stored copy${keyRefused ? ` (its key was refused: check ${provider.toUpperCase()}_API_KEY)` : ''}`,
        )
      }
      if (res.status === 200) return `HTTP 200 (${cacheStatus ?? 'no Cache-Status'})`
      const problem = ((await res.json().catch(() => ({}))) ?? {}) as Problem
      const hint = problem.code === 'unauthorized' ? ' (IDV_LENS_TOKEN is not in AGENT_TOKENS)' : ''
      throw new Error(`HTTP ${res.status} ${problem.code ?? ''}: ${problem.detail ?? ''}${hint}`)
    })
  }

  if (options.origins.length === 0) {
    // The relay does not publish its ALLOWED_ORIGINS: they come from `--env` (wrangler.toml) or `--origin`.
    results.push({
      name: 'CORS',
      ok: false,
      detail:
        "no allowed origin to check: --env's ALLOWED_ORIGINS is empty or no --env/--origin was given (the extension's origin must pass)",
    })
  }
  const preflight = (origin: string) =>
    get(`${base}${PREFLIGHT_PATH}`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    })
  for (const origin of options.origins) {
    await check(`CORS preflight from ${origin}`, async () => {
      const res = await preflight(origin)
      const allowed = res.headers.get('access-control-allow-origin')
      if (allowed !== origin)
        throw new Error(`HTTP ${res.status}, Access-Control-Allow-Origin ${JSON.stringify(allowed)}: add it to ALLOWED_ORIGINS`)
      return `allowed (HTTP ${res.status})`
    })
  }
  await check('CORS refuses other origins', async () => {
    const allowed = (await preflight(STRANGER_ORIGIN)).headers.get('access-control-allow-origin')
    if (allowed !== null) throw new Error(`Access-Control-Allow-Origin ${JSON.stringify(allowed)} for ${STRANGER_ORIGIN}`)
    return 'not allowed'
  })
  return results
}

export function formatSmoke(results: SmokeResult[]): string {
  const lines = results.map((r) => `${r.ok ? 'PASS' : 'FAIL'}  ${r.name}: ${r.detail}`)
  const failed = results.filter((r) => !r.ok).length
  lines.push(
    failed === 0 ? `smoke check: all ${results.length} checks passed` : `smoke check: ${failed} of ${results.length} checks FAILED`,
  )
  return lines.join('\n')
}
