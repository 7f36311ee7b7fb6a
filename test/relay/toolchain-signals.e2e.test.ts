/**
 * `.toolchain/bootstrap.mjs`, which every npm script runs through, and a SIGTERM sent to it alone (a
 * service manager's, or npm passing on its own): the command it runs must get it and end, never be
 * left running on its own.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { pollUntil } from '../harness/poll.ts'
import { REPO_ROOT } from '../harness/stack.ts'

/** The command: says its pid, then waits until a SIGTERM, which it reports before it exits with 0. */
const COMMAND = `
process.on('SIGTERM', () => { console.log('command got SIGTERM'); process.exit(0) })
console.log('command pid ' + process.pid)
setInterval(() => {}, 1000)
`

const started: ChildProcess[] = []

afterEach(() => {
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // Its group ended already.
    }
  }
})

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

it('passes a SIGTERM sent to it alone on to the command, and exits with the command', async () => {
  const bootstrap = spawn(process.execPath, [join(REPO_ROOT, '.toolchain/bootstrap.mjs'), 'node', '-e', COMMAND], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.push(bootstrap)
  let output = ''
  bootstrap.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  bootstrap.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const pid = await pollUntil(
    () => Promise.resolve(/command pid (\d+)/.exec(output)?.[1]),
    (found) => found !== undefined,
    { what: 'the command to start' },
  )

  process.kill(bootstrap.pid!, 'SIGTERM')
  await pollUntil(
    () => Promise.resolve(bootstrap.exitCode !== null || bootstrap.signalCode !== null),
    (ended) => ended,
    { what: 'the bootstrap to end' },
  )
  await pollUntil(
    () => Promise.resolve(alive(Number(pid))),
    (running) => !running,
    { what: 'the command to end' },
  )

  expect(output).toContain('command got SIGTERM')
  expect(bootstrap.signalCode, output).toBe(null)
  expect(bootstrap.exitCode, output).toBe(0)
})
