/**
 * A Linux control group (cgroup) used for CPU accounting only: every process started inside it stays
 * counted, also one that leaves its process group or session or outlives its parent (reparented to
 * init, whose wait() then takes its CPU time away from ours). Where no cgroup can be made (another OS,
 * no write access), `cpuGroup` returns null and callers fall back to their children's CPU times.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export type CpuGroup = {
  /** The cgroup's `cgroup.procs`: writing a pid there moves that process (and its later children) in. */
  procs: string
  /** CPU seconds every process that was ever in the group used so far. */
  seconds(): number
  /** The pids still in the group. */
  pids(): number[]
  /** Moves `pid` to the parent group and removes this one (false while processes remain). */
  remove(pid?: number): boolean
}

/** cgroup v1's cpuacct hierarchy, else v2's: [mount, this process's path in it, usage file, parser]. */
function hierarchy(): [string, string, string, (text: string) => number] | null {
  const lines = existsSync('/proc/self/cgroup') ? readFileSync('/proc/self/cgroup', 'utf8').split('\n') : []
  const v1 = lines.find((line) => /^\d+:[^:]*\bcpuacct\b/.test(line))
  const v1Mount = ['/sys/fs/cgroup/cpuacct', '/sys/fs/cgroup/cpu,cpuacct'].find((dir) => existsSync(join(dir, 'cpuacct.usage')))
  if (v1 && v1Mount) return [v1Mount, v1.split(':')[2]!, 'cpuacct.usage', (text) => Number(text) / 1e9]
  const v2 = lines.find((line) => line.startsWith('0::'))
  const v2Mount = ['/sys/fs/cgroup', '/sys/fs/cgroup/unified'].find((dir) => existsSync(join(dir, 'cgroup.procs')))
  const usec = (text: string) => Number(/^usage_usec (\d+)/m.exec(text)?.[1] ?? Number.NaN) / 1e6
  return v2 && v2Mount ? [v2Mount, v2.slice(3), 'cpu.stat', usec] : null
}

/** A new group `name` below this process's own; null where none can be made. */
export function cpuGroup(name: string): CpuGroup | null {
  const found = hierarchy()
  if (!found) return null
  const [mount, own, usageFile, parse] = found
  const dir = join(mount, own, `${name}-${process.pid}`)
  try {
    mkdirSync(dir)
    if (Number.isNaN(parse(readFileSync(join(dir, usageFile), 'utf8')))) throw new Error('no usage')
  } catch {
    return null
  }
  const procs = join(dir, 'cgroup.procs')
  const pids = () => readFileSync(procs, 'utf8').split('\n').filter(Boolean).map(Number)
  return {
    procs,
    seconds: () => parse(readFileSync(join(dir, usageFile), 'utf8')),
    pids,
    remove(pid) {
      if (pid !== undefined) writeFileSync(join(mount, own, 'cgroup.procs'), String(pid))
      if (pids().length > 0) return false
      rmdirSync(dir)
      return true
    },
  }
}
