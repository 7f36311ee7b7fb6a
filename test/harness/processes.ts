import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { once } from 'node:events'
import { noteGroupCpu } from './orphan-cpu.ts'

/** A child process we started for a test or the dev command; always stopped with its whole group. */
export type Managed = {
  child: ChildProcess
  /** Everything it printed so far (stdout + stderr), for failure messages. */
  output(): string
  stop(): Promise<void>
}

const running = new Set<Managed>()
// If the test runner exits for any reason, take the children with it: servers never outlive a run.
process.once('exit', () => {
  for (const m of running) killGroup(m.child, 'SIGKILL')
})

let stoppingEvery = false

/**
 * Stops every child process this process started and has not stopped yet, and starts none after
 * (`npm run dev`'s Ctrl+C: a start under way then fails instead of leaving a process behind).
 */
export function stopEveryProcess(): Promise<unknown> {
  stoppingEvery = true
  return Promise.allSettled([...running].map((m) => m.stop()))
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    child.kill(signal)
  }
}

export function startProcess(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; echo?: boolean }): Managed {
  if (stoppingEvery) throw new Error(`not starting ${command}: every process is being stopped`)
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    // Own process group, so stop() also ends grandchildren (wrangler → workerd).
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk.toString()
    if (output.length > 200_000) output = output.slice(-100_000)
    if (options.echo) process.stdout.write(chunk)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const managed: Managed = {
    child,
    output: () => output,
    async stop() {
      running.delete(managed)
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      noteGroupCpu(child.pid)
      killGroup(child, 'SIGTERM')
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
  running.add(managed)
  return managed
}

/** Resolves with the first match of `pattern` in the process output, or rejects on exit/timeout. */
export function waitForOutput(m: Managed, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = m.output().match(pattern)
      if (match) {
        cleanup()
        resolve(match)
      }
    }
    const onExit = (code: number | null) => {
      cleanup()
      reject(new Error(`process exited (${code}) before printing ${pattern}:\n${m.output().slice(-4000)}`))
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${pattern}:\n${m.output().slice(-4000)}`))
    }, timeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      m.child.stdout?.off('data', check)
      m.child.stderr?.off('data', check)
      m.child.off('exit', onExit)
    }
    m.child.stdout?.on('data', check)
    m.child.stderr?.on('data', check)
    m.child.once('exit', onExit)
    check()
  })
}

/** A port that was free a moment ago on 127.0.0.1 (for tools that cannot take port 0). */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const port = (server.address() as { port: number }).port
  server.close()
  await once(server, 'close')
  return port
}

/**
 * Waits for starts that need nothing of each other, run at once; the first failure is thrown only
 * when every start has settled, so the caller's afterAll stops all that did start.
 */
export async function allStarted(...starts: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(starts)).find((s) => s.status === 'rejected')
  if (failed) throw failed.reason
}
