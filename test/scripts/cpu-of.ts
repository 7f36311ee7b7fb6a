/**
 * `node cpu-of.ts <command>`: runs a shell command (stdio passed through), exits with its code, and
 * writes the CPU seconds it and its descendants used to file descriptor 3. run-suite.ts runs each
 * step through it, so steps that run side by side each get their own CPU figure (Linux's /proc;
 * nothing is written elsewhere).
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeSync } from 'node:fs'

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

if (import.meta.main) {
  const child = spawn(process.argv[2]!, { shell: true, stdio: 'inherit' })
  child.once('close', (code) => {
    const cpu = childrenCpuSeconds()
    try {
      writeSync(3, cpu === null ? '' : String(cpu))
    } catch {
      // Run by hand, without a descriptor 3: only the exit code matters.
    }
    process.exit(code ?? 1)
  })
}
