import { it } from 'vitest'
import { startLiveStack } from '../harness/live.ts'
import { DEMO } from '../harness/stack.ts'
const ACTOR = { name: 'alex.agent@acme.example', token: 'idvl_e2e_actor_token_local_only_000001' }
it('scratch', async () => {
  const stack = await startLiveStack({ relay: { agentTokens: `${ACTOR.name}:${ACTOR.token}:actor`, vars: { ACTIONS: 'one-time-link,tags,case-assign,case-status', LINK_REQUIRES_REQUESTER_MATCH: 'false' } } })
  try {
    const h: Record<string, string> = { authorization: `Bearer ${ACTOR.token}`, 'content-type': 'application/json', 'key-inflection': 'kebab', 'persona-version': '2023-01-05' }
    const r = async (m: string, p: string, body?: unknown) => { const res = await fetch(stack.relay.url + p, { method: m, headers: h, body: body ? JSON.stringify(body) : undefined }); console.log(m, p, res.status, (await res.text()).slice(0, 600)) }
    await r('GET', '/v1/persona/cases?filter%5Binquiry-id%5D=inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e')
    await r('POST', '/v1/persona/cases/case_Kc4Wq9Nx2Lt7Hv3Db8Rm6PsY/assign', {})
    await r('GET', '/v1/persona/cases?filter%5Binquiry-id%5D=inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e')
    h['cache-control'] = 'no-cache'
    await r('GET', '/v1/persona/cases?filter%5Binquiry-id%5D=inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e')
    const d = await fetch(stack.upstream.url + '/persona/api/v1/cases?filter%5Binquiry-id%5D=inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e', { headers: { authorization: 'Bearer ' + DEMO.personaKey } }); console.log('GET direct', d.status, (await d.text()).slice(0, 500))
    await r('POST', '/v1/persona/inquiries/inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e/generate-one-time-link', {})
    await r('GET', '/v1/persona/inquiry-sessions?filter%5Binquiry-id%5D=inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e')
  } finally { await stack.stop() }
}, 120_000)
