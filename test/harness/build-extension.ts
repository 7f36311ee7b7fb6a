import { execFileSync } from 'node:child_process'
import { REPO_ROOT } from './stack.ts'

/**
 * Builds the extension with its own scripts: `development` into extension/.output/chrome-mv3-dev
 * (fixed manifest key, local relay preset), `production` into extension/.output/chrome-mv3 with the
 * bench and test hooks built in (IDV_LENS_INSTRUMENTATION: the benches read them). SKIP_EXTENSION_BUILD reuses what is there.
 */
export function buildExtension(mode: 'development' | 'production' = 'development', { show = false } = {}) {
  if (process.env.SKIP_EXTENSION_BUILD) return
  execFileSync('pnpm', ['-F', '@idv-lens/extension', 'run', mode === 'development' ? 'build:dev' : 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', show ? 'inherit' : 'ignore', 'inherit'],
    env: mode === 'production' ? { ...process.env, IDV_LENS_INSTRUMENTATION: '1' } : process.env,
  })
}

/**
 * The Firefox production build (WXT `-b firefox --mv3`) into extension/.output/firefox-mv3: no
 * preset relay, so the Firefox e2e goes through the options page like an agent.
 */
export function buildFirefoxExtension({ show = false } = {}) {
  if (process.env.SKIP_EXTENSION_BUILD) return
  execFileSync('pnpm', ['-F', '@idv-lens/extension', 'run', 'build:firefox'], { cwd: REPO_ROOT, stdio: ['ignore', show ? 'inherit' : 'ignore', 'inherit'] })
}

/**
 * Vitest global setup: the browser tests load the development build (Chromium) and the Firefox build.
 * `npm test` sets SKIP_EXTENSION_BUILD here: the extension's own tests built both a moment before.
 */
export default function setup() {
  buildExtension('development')
  buildFirefoxExtension()
}
