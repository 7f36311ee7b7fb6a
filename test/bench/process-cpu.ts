import { readdirSync, readFileSync } from 'node:fs'

// Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every Linux we run on).
const TICKS_PER_SECOND = 100

/**
 * CPU seconds (user + system) used so far by every live process in the process group `pgid`
 * (our servers run in their own group: wrangler and its workerd). CPU time does not depend on what
 * else the machine is doing, so "CPU per request" compares two servers more fairly on a busy machine (caches and scheduling still add noise).
 */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // ended while we looked
    }
    // Fields after the command name (which may contain spaces), from field 3 (state) on.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) !== pgid) continue // field 5: pgrp
    ticks += Number(fields[11]) + Number(fields[12]) // fields 14, 15: utime, stime
  }
  return ticks / TICKS_PER_SECOND
}
