/**
 * `npm run dev`'s Ctrl+C, as a terminal sends it (SIGINT to the command's process group): the demo
 * upstream and the relay run in process groups of their own, so only the command can stop them.
 * Nothing it started may outlive it, whether the Ctrl+C comes while it starts or once it runs.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { VENDOR_NAMES } from '@idv-lens/shared/api'
import { VENDORS } from '../../worker/src/vendors/index.ts'
import { pollUntil } from '../harness/poll.ts'
import { freePort } from '../harness/processes.ts'
import { REPO_ROOT } from '../harness/stack.ts'

type Ports = { relay: number; upstream: number; ticket: number }
/**
 * `marker`: an environment variable's value that the command and every process it starts inherit.
 * `tmp`: the command's own temporary directory (TMPDIR), where the relay keeps its state.
 */
type Dev = { child: ChildProcess; ports: Ports; marker: string; tmp: string; output(): string }

const started: Dev[] = []

/** `node test/scripts/dev.ts` on free ports, without the extension build (the browser tests' build stays as it is). */
async function startDev(): Promise<Dev> {
  const ports = { relay: await freePort(), upstream: await freePort(), ticket: await freePort() }
  const marker = `IDV_LENS_DEV_RUN=${randomUUID()}`
  const tmp = await mkdtemp(join(tmpdir(), 'idv-lens-dev-test-'))
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
      TMPDIR: tmp,
    },
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const dev = { child, ports, marker, tmp, output: () => output }
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

/** What the command left in its temporary directory of what it makes there itself (wrangler keeps a cache of its own there). */
const ownEntries = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('idv-lens-'))

const answers = (url: string) =>
  fetch(url).then(
    (res) => res.status,
    () => 0,
  )

/** `npm run mcp:demo` as a second terminal runs it, with `env` (the ports `npm run dev` was given); its exit code and output. */
function mcpDemo(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['test/scripts/mcp-demo.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...env } }, (err, stdout, stderr) =>
      resolve({ code: err ? Number(err.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    )
  })
}

/** What the command prints when Ctrl+C comes. */
const STOPPING = 'stopping the demo upstream and the relay'

/** A Node stack trace's frame line. */
const STACK_FRAME = /^\s+at /m

/** Ctrl+C in the terminal, then the command's end and every process it started gone. */
async function pressCtrlC(dev: Dev): Promise<void> {
  process.kill(-dev.child.pid!, 'SIGINT')
  const ended = () => Promise.resolve(dev.child.exitCode !== null || dev.child.signalCode !== null)
  await pollUntil(ended, (done) => done, { what: '`npm run dev` to end' })
  await pollUntil(
    () => processesOf(dev),
    (pids) => pids.length === 0,
    { what: 'the demo upstream and the relay to end' },
  )
}

/**
 * Ctrl+C twice, as an impatient agent presses it: the second comes the moment the command says it is
 * stopping, while the relay is still being stopped (a relay stop takes far longer than one write).
 */
async function pressCtrlCTwice(dev: Dev): Promise<{ secondCameWhileRunning: boolean }> {
  let secondCameWhileRunning = false
  const again = (chunk: Buffer) => {
    if (!chunk.toString().includes(STOPPING)) return
    dev.child.stdout!.off('data', again)
    try {
      process.kill(-dev.child.pid!, 'SIGINT')
      secondCameWhileRunning = true
    } catch {
      // Already ended: the second Ctrl+C reached nothing.
    }
  }
  dev.child.stdout!.on('data', again)
  await pressCtrlC(dev)
  return { secondCameWhileRunning }
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
    await rm(dev.tmp, { recursive: true, force: true })
  }
})

describe('npm run dev and Ctrl+C', () => {
  it('stops the demo upstream and the relay when Ctrl+C comes while the relay starts', async () => {
    const dev = await startDev()
    await pollUntil(
      () => answers(`http://127.0.0.1:${dev.ports.upstream}/__demo/stats`),
      (status) => status > 0,
      { what: 'the demo upstream' },
    )

    await pressCtrlC(dev)

    expect(dev.child.exitCode, dev.output()).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.upstream}/__demo/stats`)).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.relay}/healthz`)).toBe(0)
    expect(await ownEntries(dev.tmp), "the relay's state, removed").toEqual([])
  })

  it('stops everything on a second Ctrl+C that comes while it is stopping, instead of dying and leaving the relay up', async () => {
    const dev = await startDev()
    await pollUntil(
      () => answers(`http://127.0.0.1:${dev.ports.upstream}/__demo/stats`),
      (status) => status > 0,
      { what: 'the demo upstream' },
    )

    const { secondCameWhileRunning } = await pressCtrlCTwice(dev)

    expect(secondCameWhileRunning, 'the second Ctrl+C reached the command while it stopped').toBe(true)
    expect(dev.child.signalCode, dev.output()).toBe(null)
    expect(dev.child.exitCode, dev.output()).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.relay}/healthz`)).toBe(0)
    expect(await ownEntries(dev.tmp), "the relay's state, removed").toEqual([])
  })

  // One running `npm run dev` for its banner, its AI token and its Ctrl+C: each start costs a relay's.
  it('stops everything it started on Ctrl+C once it runs, its banner offering the AI token with the action tools on', async () => {
    const dev = await startDev()
    await pollUntil(
      () => Promise.resolve(dev.output()),
      (output) => output.includes('Ctrl+C stops everything.'),
      { what: 'the banner' },
    )
    expect(await answers(`http://127.0.0.1:${dev.ports.relay}/healthz`)).toBe(200)
    expect(await answers(`http://127.0.0.1:${dev.ports.ticket}/`)).toBe(200)
    // The banner names every vendor the demo fakes, and the webhook path of each whose relay takes them.
    const faked = /\(fake (.+)\)$/m.exec(dev.output())?.[1] ?? ''
    expect(VENDOR_NAMES.filter((name) => !faked.includes(VENDORS[name].label))).toEqual([])
    const posted = /post signed webhooks to \S+ (.+)$/m.exec(dev.output())?.[1] ?? ''
    const takesWebhooks = VENDOR_NAMES.filter((name) => VENDORS[name].webhook)
    expect(takesWebhooks.filter((name) => !posted.includes(`/webhooks/${name}`))).toEqual([])

    // npm run mcp:demo on the ports npm run dev was given: the tools, then why_failed's answer.
    const demo = await mcpDemo({ RELAY_PORT: String(dev.ports.relay), DEMO_UPSTREAM_PORT: String(dev.ports.upstream) })
    expect(demo.output).toMatch(/^tools: .*why_failed/m)
    expect(demo.output).toContain('inq_KS4CcnPpcSaGdU4Fpbg6BCdsXV8e')
    expect(demo.output).not.toMatch(STACK_FRAME)
    expect(demo.code, demo.output).toBe(0)

    // The banner's AI token, as npm run mcp:demo shows: the action tools are on.
    const token = /AI token (\S+)/.exec(dev.output())?.[1]
    expect(token, dev.output()).toBeTruthy()
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['test/scripts/mcp-demo.ts', `http://127.0.0.1:${dev.ports.relay}`, token!],
      { cwd: REPO_ROOT },
    )
    const tools = /^tools: (.*)$/m.exec(stdout)?.[1]?.split(', ') ?? []
    expect(tools).toEqual(expect.arrayContaining(['why_failed', 'send_new_link', 'add_tag', 'set_case_status', 'send_new_onfido_link']))

    await pressCtrlC(dev)

    // Nothing there any more: one line that says so, no stack trace.
    const refused = await mcpDemo({ RELAY_PORT: String(dev.ports.relay) })
    expect(refused.code).not.toBe(0)
    expect(refused.output).not.toMatch(STACK_FRAME)
    expect(refused.output.trim().split('\n')).toEqual([expect.stringContaining(`http://127.0.0.1:${dev.ports.relay}`)])

    expect(dev.child.exitCode, dev.output()).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.relay}/healthz`)).toBe(0)
    expect(await answers(`http://127.0.0.1:${dev.ports.ticket}/`)).toBe(0)
    expect(await ownEntries(dev.tmp), "the relay's state, removed").toEqual([])
  })
})
