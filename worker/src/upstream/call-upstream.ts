import type { ProviderName, RelayConfig } from '../config.ts'
import { ApiError } from '../errors.ts'
import { PROVIDERS } from '../providers/index.ts'
import type { RelayState } from '../state.ts'
import { providerMisconfigured } from '../config/refusals.ts'
import { MAX_UPSTREAM_BYTES, readCapped } from './read-capped.ts'

/** When the vendor gives no wait after a 429, hold back this long. */
const DEFAULT_RETRY_AFTER_SECONDS = 30

export type UpstreamCall = {
  provider: ProviderName
  /** Path below the vendor's base, e.g. `inquiries` or `sessions/<uuid>`. Built only from validated parts. */
  path: string
  /** Canonical query string (already encoded), or ''. */
  query: string
  headers?: Record<string, string>
}

export function upstreamUrl(config: RelayConfig, call: UpstreamCall): string {
  return `${config.upstream[call.provider].base}/${call.path}${call.query ? `?${call.query}` : ''}`
}

/**
 * One GET to a vendor. Resolves to the parsed JSON body of a 2xx answer; every failure becomes an
 * ApiError whose message is safe to show an agent (no key, no raw upstream body beyond its message).
 */
export async function callUpstream(config: RelayConfig, state: RelayState, call: UpstreamCall): Promise<unknown> {
  const provider = PROVIDERS[call.provider]
  const apiKey = config.upstream[call.provider].apiKey
  if (!apiKey) throw notConfigured(call.provider)
  const unsafe = providerMisconfigured(config, call.provider)
  if (unsafe) throw unsafe

  // While the vendor has told us to back off, answer from here: every extra call burns the shared budget.
  const heldFor = state.rateLimitHold(call.provider)
  if (heldFor > 0) {
    throw new ApiError('rate-limited', `${provider.label} asked the relay to slow down; retry in ${heldFor} s.`, {
      provider: call.provider,
      retryAfter: heldFor,
    }, { upstreamStatus: 429 })
  }

  const signal = AbortSignal.timeout(config.timeoutMs)
  let res: Response
  let text: string
  const startedAt = Date.now()
  try {
    res = await fetch(upstreamUrl(config, call), {
      headers: { accept: 'application/json', ...call.headers, ...provider.authHeaders(apiKey) },
      signal,
      redirect: 'manual',
    })
    text = await readCapped(res, MAX_UPSTREAM_BYTES, provider.label, call.provider)
  } catch (err) {
    if (err instanceof ApiError) throw err
    if (signal.aborted) {
      throw new ApiError('upstream-timeout', `${provider.label} did not answer within ${config.timeoutMs} ms.`, {
        provider: call.provider,
      }, { cause: err, upstreamStatus: 504 })
    }
    throw new ApiError('upstream-unavailable', `The connection to ${provider.label} failed.`, {
      provider: call.provider,
    }, { cause: err, upstreamStatus: 502 })
  } finally {
    state.recordUpstreamTime(Date.now() - startedAt)
  }

  if (res.ok) {
    try {
      return JSON.parse(text)
    } catch (err) {
      throw new ApiError('upstream-unavailable', `${provider.label} answered with a body that is not JSON.`, {
        provider: call.provider,
      }, { cause: err, upstreamStatus: 502 })
    }
  }
  throw mapFailure(call.provider, res, text, state)
}

function mapFailure(name: ProviderName, res: Response, text: string, state: RelayState): ApiError {
  const provider = PROVIDERS[name]
  const vendorMessage = provider.errorMessage(text)
  const said = vendorMessage ? `: ${vendorMessage}` : ''
  const upstreamStatus = res.status
  switch (true) {
    case res.status === 400:
      return new ApiError('bad-request', `${provider.label} rejected the request${said}`, { provider: name }, { upstreamStatus })
    case res.status === 404:
      return new ApiError('not-found', `${provider.label} has no such record${said}`, { provider: name }, { upstreamStatus })
    case res.status === 401 || res.status === 403:
      // The agent is fine; the relay's own key was refused. Say so without the vendor's wording about keys.
      return new ApiError(
        'upstream-auth',
        `${provider.label} refused the relay's API key (HTTP ${res.status}). An administrator should check ${provider.keySecret}.`,
        { provider: name },
        { upstreamStatus },
      )
    case res.status === 429: {
      const retryAfter = provider.retryAfterSeconds(res.headers) ?? DEFAULT_RETRY_AFTER_SECONDS
      state.holdRateLimited(name, retryAfter)
      return new ApiError('rate-limited', `${provider.label} rate limit reached; retry in ${retryAfter} s.`, {
        provider: name,
        retryAfter,
      }, { upstreamStatus })
    }
    default:
      return new ApiError('upstream-unavailable', `${provider.label} answered HTTP ${res.status}${said}`, { provider: name }, {
        upstreamStatus,
      })
  }
}

export function notConfigured(name: ProviderName): ApiError {
  const provider = PROVIDERS[name]
  return new ApiError(
    'provider-not-configured',
    `${provider.label} is not configured on this relay: set the ${provider.keySecret} secret (wrangler secret put ${provider.keySecret}).`,
    { provider: name },
  )
}
