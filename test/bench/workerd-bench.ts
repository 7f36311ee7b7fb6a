import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../harness/stack.ts'

/** Resident memory (bytes) of every workerd process descending from `root`. */
function workerdRss(root: number): number {
  const parents = new Map<number, number>()
  const names = new Map<number, string>()
  const rss = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const close = stat.lastIndexOf(')')
      names.set(pid, stat.slice(stat.indexOf('(') + 1, close))
      const fields = stat.slice(close + 2).split(' ')
      parents.set(pid, Number(fields[1]))
      rss.set(pid, Number(fields[21]) * 4096)
    } catch {
      // Gone meanwhile.
    }
  }
  const under = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 32; p = parents.get(p) ?? 0, hops++) if (p === root) return true
    return false
  }
  let total = 0
  for (const [pid, name] of names) if (name.startsWith('workerd') && under(pid)) total += rss.get(pid) ?? 0
  return total
}

/** The peak of workerd's resident memory since the last restart; `restart` starts again from now and returns that. */
export type MemoryPeak = { peak(): number; restart(): number }

/**
 * Runs one of the worker's bench configs under vitest (worker/vitest.<name>.config.ts), sampling the
 * resident memory of its workerd processes every `sampleMs`. `onLine` sees each line it prints, in order.
 */
export async function runWorkerdBench(options: {
  config: string
  env?: NodeJS.ProcessEnv
  sampleMs: number
  onLine(line: string, memory: MemoryPeak): void
}): Promise<{ status: number | null; output: string }> {
  const child = spawn('pnpm', ['exec', 'vitest', 'run', '--config', options.config], {
    cwd: join(REPO_ROOT, 'worker'),
    env: { ...process.env, ...options.env },
  })
  let output = ''
  let pendingLine = ''
  let peak = 0
  const memory: MemoryPeak = { peak: () => peak, restart: () => (peak = child.pid ? workerdRss(child.pid) : 0) }
  const sampler = setInterval(() => {
    if (child.pid) peak = Math.max(peak, workerdRss(child.pid))
  }, options.sampleMs)
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8')
    output += text
    pendingLine += text
    const lines = pendingLine.split('\n')
    pendingLine = lines.pop() ?? ''
    for (const line of lines) options.onLine(line, memory)
  })
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  try {
    return { status: await new Promise<number | null>((resolve) => child.on('close', resolve)), output }
  } finally {
    clearInterval(sampler)
  }
}
