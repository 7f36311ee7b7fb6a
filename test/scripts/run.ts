/**
 * Runs a command from the repository root; resolves to its exit code and, with `capture`, what it
 * printed (shown as it comes with `echo`, kept quiet otherwise).
 */
import { spawn } from 'node:child_process'
import { REPO_ROOT } from '../harness/stack.ts'

type RunOptions = { capture?: boolean; echo?: boolean }

export async function run(command: string, args: string[], options: RunOptions = {}): Promise<{ code: number; output: string }> {
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    stdio: ['inherit', options.capture ? 'pipe' : 'inherit', options.capture ? 'pipe' : 'inherit'],
  })
  let output = ''
  const tee = (to: NodeJS.WriteStream) => (chunk: Buffer) => {
    output += chunk.toString()
    if (options.echo) to.write(chunk)
  }
  child.stdout?.on('data', tee(process.stdout))
  child.stderr?.on('data', tee(process.stderr))
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (status) => resolve(status ?? 1))
  })
  return { code, output }
}

/** The pinned wrangler of the worker package, run from the root so it finds ./wrangler.toml (as `npm run wrangler` does). */
export const wrangler = (args: string[], options: RunOptions = {}) => run(`${REPO_ROOT}worker/node_modules/.bin/wrangler`, args, options)
