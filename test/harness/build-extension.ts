import { execFileSync } from 'node:child_process'
import { REPO_ROOT } from './stack.ts'

/** Builds the development extension once per run (the browser tests load extension/.output/chrome-mv3-dev). */
export default function setup() {
  if (process.env.SKIP_EXTENSION_BUILD) return
  execFileSync('pnpm', ['-F', '@idv-lens/extension', 'exec', 'wxt', 'build', '--mode', 'development'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
