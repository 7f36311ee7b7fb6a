import { readdirSync, readFileSync } from 'node:fs'

// Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every Linux we run on).
const TICKS_PER_SECOND = 100

/** Each live process of the group `pgid`: its command name and its /proc stat fields from field 3 (state) on. */
function* groupProcesses(pgid: number): Generator<{ command: string; fields: string[] }> {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // ended while we looked
    }
    // The command name may contain spaces: the fields are read after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) !== pgid) continue // field 5: pgrp
    yield { command: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), fields }
  }
}

/**
 * CPU seconds (user + system) used so far by every live process in the process group `pgid`
 * (our servers run in their own group: wrangler and its workerd). CPU time does not depend on what
 * else the machine is doing, so "CPU per request" compares two servers more fairly on a busy machine.
 * With `command`, only the group's processes of that name (a relay's workerd).
 */
export function groupCpuSeconds(pgid: number, command?: string): number {
  let ticks = 0
  for (const p of groupProcesses(pgid)) if (!command || p.command.startsWith(command)) ticks += Number(p.fields[11]) + Number(p.fields[12]) // fields 14, 15: utime, stime
  return ticks / TICKS_PER_SECOND
}

/** Resident memory (MB) of the group's processes named `command` (a relay's workerd). */
function groupRssMb(pgid: number, command: string): number {
  let bytes = 0
  for (const p of groupProcesses(pgid)) if (p.command.startsWith(command)) bytes += Number(p.fields[21]) * 4096 // field 24: rss in pages
  return bytes / (1024 * 1024)
}

type MemoryFigures = { before: number; peak: number; after: number }

/**
 * The resident memory (MB) of the group's `command` processes from now on: `before` read at once, the
 * peak sampled every 250 ms until `stop()`, which reads `after`. The sampler is unref'd, so a run that
 * throws still ends.
 */
export function watchRssMb(pgid: number, command: string): { stop(): MemoryFigures } {
  const before = groupRssMb(pgid, command)
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, groupRssMb(pgid, command))), 250).unref()
  return {
    stop() {
      clearInterval(sampler)
      const after = groupRssMb(pgid, command)
      return { before, peak: Math.max(peak, after), after }
    },
  }
}
