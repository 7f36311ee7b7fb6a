/**
 * `npm run dev`'s Ctrl+C, as a terminal sends it (SIGINT to the command's process group): the demo
 * upstream and the relay run in process groups of their own, so only the command can stop them.
 * Nothing it started may outlive it, whether the Ctrl+C comes while it starts or once it runs.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { pollUntil } from '../harness/poll.ts'
import { freePort } from '../harness/processes.ts'
import { REPO_ROOT } from '../harness/stack.ts'

type Ports = { relay: number; upstream: number; ticket: number }
/** `marker`: an environment variable's value that the command and every process it starts inherit. */
type Dev = { child: ChildProcess; ports: Ports; marker: string; output(): string }

const started: Dev[] = []

/** `node test/scripts/dev.ts` on free ports, without the extension build (the browser tests' build stays as it is). */
async function startDev(): Promise<Dev> {
  const ports = { relay: await freePort(), upstream: await freePort(), ticket: await freePort() }
  const marker = `IDV_LENS_DEV_RUN=${randomUUID()}`
  const child = spawn(process.execPath, ['test/scripts/dev.ts'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      SKIP_EXTENSION_BUILD: '1',
      RELAY_PORT: String(ports.relay),
      DEMO_UPSTREAM_PORT: String(ports.upstream),
      DEMO_TICKET_PORT: String(ports.ticket),
      DEMO_WEBHOOK_INTERVAL_MS: '60000',
      IDV_LENS_DEV_RUN: marker.split('=')[1],
    },
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const dev = { child, ports, marker, output: () => output }
  started.push(dev)
  return dev
}

/** The command and what it started, still running: the demo upstream, wrangler and its workerd processes. */
async function processesOf(dev: Dev): Promise<number[]> {
  const pids: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const environment = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '')
    if (environment.split('\0').includes(dev.marker)) pids.push(Number(entry))
  }
  return pids
}

const answers = (url: string) =>
  fetch(url).then(
    (res) => res.status,
    () => 0,
  )

/** The command's processes whose arguments `match` (the wrangler dev of its relay, its demo upstream). */
async function processesWith(dev: Dev, match: (args: string[]) => boolean): Promise<number[]> {
  const pids: number[] = []
  for (const pid of await processesOf(dev)) {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0')
    if (match(args)) pids.push(pid)
  }
  return pids
}
const isWranglerDev = (args: string[]) => args.some((arg) => arg.includes('wrangler')) && args.includes('dev')
const isDemoUpstream = (args: string[]) => args.some((arg) => arg.endsWith('demo-upstream/serve.ts'))

/** Whether a SIGTERM waits for process `pid` (one held with SIGSTOP gets it only when it goes on). */
async function termPending(pid: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const pending = [...status.matchAll(/^(?:Sig|Shd)Pnd:\s*([0-9a-f]+)$/gm)].reduce((mask, [, hex]) => mask | BigInt(`0x${hex}`), 0n)
  return (pending & (1n << 14n)) !== 0n // SIGTERM is 15
}

/** Ctrl+C in the terminal (`meanwhile`: what happens to the command right after), then its end and every process it started gone. */
async function pressCtrlC(dev: Dev, meanwhile: () => Promise<void> = async () => {}): Promise<void> {
  process.kill(-dev.child.pid!, 'SIGINT')
  await meanwhile()
  const ended = () => Promise.resolve(dev.child.exitCode !== null || dev.child.signalCode !== null)
  await pollUntil(ended, (done) => done, { what: '`npm run dev` to end' })
  await pollUntil(() => processesOf(dev), (pids) => pids.length === 0, { what: 'the demo upstream and the relay to end' })
}

afterEach(async () => {
  // What an old `npm run dev` left behind: ended here, so that it cannot outlive the run.
  for (const dev of started.splice(0)) {
    for (const pid of await processesOf(dev)) {
      try {
        process.kill(pid, 'SIGKILL')
      } catch {
        // Ended meanwhile.
      }
    }
  }
})

describe('npm run dev and Ctrl+C', () => {
  it('stops the demo upstream and the relay when Ctrl+C comes while the relay starts', async () => {
    const dev = await startDev()
    await pollUntil(() => answers(`http://127.0.0.1:${dev.ports.upstream}/__demo/stats`), (status) => status > 0, { what: "the demo upstream" })

    await pressCtrlC(dev)

    expect(dev.child.exitCode, dev.output()).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.upstream}/__demo/stats`)).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.relay}/healthz`)).toBe(0)
  })

  it("ends as Ctrl+C ends it when the relay's start fails under it", async () => {
    const dev = await startDev()
    // The relay is starting: wrangler dev runs, not yet ready. The demo upstream is held (SIGSTOP), so
    // the command's stop waits on it (it kills it after 5 s). Once the command has begun to stop (the
    // upstream's SIGTERM waits), wrangler dies: the start fails before the command is done stopping.
    const wrangler = await pollUntil(() => processesWith(dev, isWranglerDev), (pids) => pids.length > 0, { what: 'wrangler dev to start' })
    const [upstream] = await processesWith(dev, isDemoUpstream)
    process.kill(upstream!, 'SIGSTOP')
    expect(dev.output()).not.toContain('Ctrl+C stops everything.')

    await pressCtrlC(dev, async () => {
      await pollUntil(() => termPending(upstream!), (pending) => pending, { what: "the command's SIGTERM to the demo upstream" })
      for (const pid of wrangler) {
        try {
          process.kill(pid, 'SIGKILL')
        } catch {
          // Ended already (a start that failed on its own is the same case).
        }
      }
    })

    expect(dev.child.exitCode, dev.output()).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.upstream}/__demo/stats`)).toBe(0)
  })

  it('stops everything it started on Ctrl+C once it runs', async () => {
    const dev = await startDev()
    await pollUntil(() => Promise.resolve(dev.output()), (output) => output.includes('Ctrl+C stops everything.'), { what: 'the banner' })
    expect(await answers(`http://127.0.0.1:${dev.ports.relay}/healthz`)).toBe(200)
    expect(await answers(`http://127.0.0.1:${dev.ports.ticket}/`)).toBe(200)

    await pressCtrlC(dev)

    expect(dev.child.exitCode, dev.output()).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.relay}/healthz`)).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.ticket}/`)).toBe(0)
  })
})
