import { readdirSync, readFileSync } from 'node:fs'

/** Resident memory (bytes) of every workerd process descending from `root`. */
export function workerdRss(root: number): number {
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
