import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { REPO_ROOT } from './stack.ts'

/**
 * Builds the extension with its own scripts: `development` into extension/.output/chrome-mv3-dev
 * (fixed manifest key, local relay preset), `production` into extension/.output/chrome-mv3 with the
 * bench and test hooks built in (IDV_LENS_INSTRUMENTATION: the benches read them).
 */
export function buildExtension(mode: 'development' | 'production' = 'development', { show = false } = {}): Promise<void> {
  const env = mode === 'production' ? { ...process.env, IDV_LENS_INSTRUMENTATION: '1' } : process.env
  return runBuild(mode === 'development' ? 'build:dev' : 'build', { show, env })
}

/**
 * The Firefox production build (WXT `-b firefox --mv3`) into extension/.output/firefox-mv3: no
 * preset relay, so the Firefox e2e goes through the options page like an agent.
 */
export function buildFirefoxExtension({ show = false } = {}): Promise<void> {
  return runBuild('build:firefox', { show, env: process.env })
}

/**
 * One of the extension's build scripts, as a child process: the caller's event loop keeps running
 * meanwhile (`npm run dev` answers Ctrl+C during the build). SKIP_EXTENSION_BUILD reuses what is there.
 */
async function runBuild(script: string, { show, env }: { show: boolean; env: NodeJS.ProcessEnv }): Promise<void> {
  if (process.env.SKIP_EXTENSION_BUILD) return
  const child = spawn('pnpm', ['-F', '@idv-lens/extension', 'run', script], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', show ? 'inherit' : 'ignore', 'inherit'],
  })
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null]
  if (code !== 0) throw new Error(`The extension's ${script} failed (${signal ?? `exit ${code}`})`)
}

/**
 * Vitest global setup: the browser tests load the development build (Chromium) and the Firefox build.
 * `npm test` sets SKIP_EXTENSION_BUILD here: the extension's own tests built both a moment before.
 */
export default async function setup() {
  await buildExtension('development')
  await buildFirefoxExtension()
}
