import { readdirSync, readFileSync } from 'node:fs'

/**
 * CPU seconds of the grandchildren a stopped process left to init (wrangler's workerd processes end
 * after wrangler, so no process of ours reaps them): with FILE_CPU set (file-cpu.ts), stopProcess
 * notes them here, read from /proc just before the group is stopped. Unset, nothing is read.
 */
let orphaned = 0

export const orphanedCpuSeconds = (): number => orphaned

/** Notes the CPU of process group `pgid`'s members but its leader (which its parent reaps), with FILE_CPU set. */
export function noteGroupCpu(pgid: number | undefined): void {
  if (process.env.FILE_CPU && pgid !== undefined) orphaned += groupCpuSeconds(pgid, { leader: false })
}

/** The CPU seconds of process group `pgid`'s members and what they reaped (`/proc/<pid>/stat` fields 14-17). */
export function groupCpuSeconds(pgid: number, { leader }: { leader: boolean }): number {
  let sum = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || (!leader && Number(entry) === pgid)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ')
      if (Number(fields[2]) === pgid) sum += fields.slice(11, 15).reduce((s, n) => s + Number(n), 0) / 100
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return sum
}
