import type { TestProject } from 'vitest/node'
import { startDemoUpstream } from '../demo-upstream/serve.ts'
import { startAccessCerts } from './access-certs.ts'

/** One demo upstream for the whole run; tests keep apart by using their own API keys (its scopes). */
export default async function setup(project: TestProject) {
  const upstream = await startDemoUpstream({ port: 0, host: '127.0.0.1' })
  project.provide('upstreamUrl', upstream.url)
  // A Cloudflare Access team's key endpoint, for the Access-mode tests.
  const access = await startAccessCerts()
  project.provide('accessTeamDomain', access.teamDomain)
  project.provide('accessPrivateKeys', JSON.stringify(access.privateKeys))
  return async () => {
    await access.close()
    await upstream.close()
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamUrl: string
    accessTeamDomain: string
    /** JSON of { k1, k2 } private JWKs. */
    accessPrivateKeys: string
  }
}
