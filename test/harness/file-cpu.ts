import { appendFileSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll } from 'vitest'
import { orphanedCpuSeconds } from './orphan-cpu.ts'

/**
 * With FILE_CPU=<path>, each test file appends `{"file","cpu","wall"}` to that file: the CPU seconds its
 * worker process and its children (its browsers, the relays it started, their workerd: orphan-cpu.ts)
 * used from its first hook to its last, beside its wall time. Workers run file after file, so the
 * figures are per file; the run's shared stacks (global setup) get a row of their own
 * (shared-stack.ts). Without FILE_CPU it does nothing.
 */
export function recordFileCpu(out = process.env.FILE_CPU): void {
  if (!out) return
  let start = { cpu: 0, at: 0, file: '' }
  beforeAll(({}, suite) => {
    start = { cpu: ownAndReapedCpu(), at: performance.now(), file: suite.file.name }
  })
  afterAll(() => {
    const row = {
      file: start.file,
      cpu: +(ownAndReapedCpu() - start.cpu).toFixed(2),
      wall: +((performance.now() - start.at) / 1000).toFixed(1),
    }
    appendFileSync(out, `${JSON.stringify(row)}\n`)
  })
}

/** utime, stime, cutime and cstime of this process (/proc/self/stat fields 14-17), in seconds. */
function ownAndReapedCpu(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
  return fields.slice(11, 15).reduce((sum, n) => sum + Number(n), 0) / 100 + orphanedCpuSeconds()
}
