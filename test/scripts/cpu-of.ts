/**
 * `node cpu-of.ts <command>`: runs a shell command (stdio passed through), exits with its code, and
 * writes to file descriptor 3 (JSON, `CpuOf`) the CPU seconds it and its descendants used. run-suite.ts
 * runs each step through it, so steps that run side by side each get their own figure. On Linux the
 * command runs in a cgroup of its own (cpu-group.ts), which counts processes that leave its tree.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { cpuGroup } from './cpu-group.ts'

/**
 * `cpu`: what every process of the command used (the cgroup's count; else `waited`); `waited`: what
 * the finished children that were waited for used (all a parent's own count can see); `leftover`: the
 * processes still running when the command ended (stopped here, so that the step's count is whole).
 */
export type CpuOf = { cpu: number | null; waited: number | null; leftover: string[] }

/** CPU seconds of this process's finished children (and theirs); cutime and cstime are the 16th and 17th fields. */
export function childrenCpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[13]) + Number(fields[14])) / 100
}

/**
 * The whole machine's CPU time so far (Linux's /proc/stat, every process's, ours or not): busy (user,
 * nice, system, irq, softirq) and all (idle and I/O wait too), in core-seconds; null off Linux.
 */
export function machineCpuSeconds(): { busy: number; all: number } | null {
  if (!existsSync('/proc/stat')) return null
  const [user, nice, system, idle, iowait, irq, softirq] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1, 8)
    .map(Number) as number[]
  const busy = user! + nice! + system! + irq! + softirq!
  return { busy: busy / 100, all: (busy + idle! + iowait!) / 100 }
}

const commandOf = (pid: number) => {
  try {
    return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim().slice(0, 120)}`
  } catch {
    return String(pid)
  }
}

/** Runs `command` in its own cgroup (when one can be made) and resolves to its exit code and `CpuOf`. */
async function cpuOf(command: string): Promise<{ code: number; report: CpuOf }> {
  const group = cpuGroup('step')
  // The child starts inside the group; this process leaves it at once, so only the command is counted.
  if (group) writeFileSync(group.procs, String(process.pid))
  const child = spawn(command, { shell: true, stdio: 'inherit' })
  group?.remove(process.pid)
  const code = await new Promise<number>((resolve) => child.once('close', (status) => resolve(status ?? 1)))
  const report: CpuOf = { cpu: null, waited: childrenCpuSeconds(), leftover: [] }
  if (!group) return { code, report: { ...report, cpu: report.waited } }
  // Processes that outlived the command: a few seconds to end, then stopped (they are the step's own).
  for (let i = 0; i < 50 && group.pids().length > 0; i++) await sleep(100)
  report.leftover = group.pids().map(commandOf)
  for (const pid of group.pids()) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Ended meanwhile.
    }
  }
  for (let i = 0; i < 50 && group.pids().length > 0; i++) await sleep(100)
  report.cpu = group.seconds()
  group.remove()
  return { code, report }
}

if (import.meta.main) {
  const { code, report } = await cpuOf(process.argv[2]!)
  try {
    writeSync(3, JSON.stringify(report))
  } catch {
    // Run by hand, without a descriptor 3: only the exit code matters.
  }
  process.exit(code)
}
