import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KEPT_PROFILES_ENV } from './browser-pool.ts'

/**
 * Vitest global setup of the browser project: a directory for the profiles of the browsers its
 * workers keep between files (browser-pool.ts). After the last file, the browsers still running on
 * those profiles are ended (a worker that ends does not wait for its browsers) and the directory goes.
 */
export default async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'idv-lens-browsers-'))
  process.env[KEPT_PROFILES_ENV] = root
  return async () => {
    delete process.env[KEPT_PROFILES_ENV]
    for (const pid of await processesUsing(`--user-data-dir=${root}/`)) killQuietly(pid)
    await rm(root, { recursive: true, force: true, maxRetries: 10 })
  }
}

/** Processes whose command line holds `marker`. */
async function processesUsing(marker: string): Promise<number[]> {
  const pids: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')
    if (command.includes(marker)) pids.push(Number(entry))
  }
  return pids
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {
    // Gone already.
  }
}
