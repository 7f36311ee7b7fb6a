import type { TestProject } from 'vitest/node'
import { startDemoUpstream } from '../demo-upstream/serve.ts'

/** One demo upstream for the whole run; tests keep apart by using their own API keys (its scopes). */
export default async function setup(project: TestProject) {
  const upstream = await startDemoUpstream({ port: 0, host: '127.0.0.1' })
  project.provide('upstreamUrl', upstream.url)
  return () => upstream.close()
}

declare module 'vitest' {
  export interface ProvidedContext {
    upstreamUrl: string
  }
}
