/**
 * `npm test`: the structure checks and each package's own `test` script, and a table of what each step
 * cost at the end. The steps are read from the packages' scripts, so running a package's `test` alone
 * does the same work. Most of it waits or uses one core, so it runs in lanes side by side: the checks
 * (structure, and what comes before each package's tests: type checks, the bundle check) in one, each
 * package's tests in another. The browser tests come last, alone, as they load the extension that the
 * extension's tests built.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { REPO_ROOT } from '../harness/stack.ts'

type Step = { stage: string; command: string; cwd: string; env?: NodeJS.ProcessEnv }
type Lane = Step[]

const readJson = <T>(path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as T

/** A package's `test` script split at its `vitest run`: the checks before it, and the tests from it on. */
function packageSteps(dir: string, env?: NodeJS.ProcessEnv): { checks: Step[]; tests: Step[] } {
  const { name, scripts } = readJson<{ name: string; scripts: { test: string } }>(join(dir, 'package.json'))
  const steps = scripts.test.split(' && ').map((command) => ({ stage: name.replace('@idv-lens/', ''), command, cwd: join(REPO_ROOT, dir), env }))
  const at = Math.max(0, steps.findIndex((step) => step.command === 'vitest run'))
  return { checks: steps.slice(0, at), tests: steps.slice(at) }
}

const structure = readJson<{ scripts: Record<string, string> }>('package.json').scripts['check:structure']!.split(' && ')
const [shared, worker, extension, browser] = [packageSteps('shared'), packageSteps('worker'), packageSteps('extension'), packageSteps('test', { SKIP_EXTENSION_BUILD: '1' })]
/**
 * Lanes that run side by side, about a minute and a half each here, then the browser tests alone. The
 * extension's type check goes before its build in its lane: WXT's build may rewrite the types it reads.
 */
const SIDE_BY_SIDE: Lane[] = [
  [...structure.map((command) => ({ stage: 'structure', command, cwd: REPO_ROOT })), ...worker.checks, ...browser.checks],
  [...shared.checks, ...shared.tests, ...worker.tests],
  [...extension.checks, ...extension.tests],
]
const LAST: Lane = browser.tests

/**
 * Runs one step as pnpm runs a script: in the package, its own and the root's binaries first on PATH.
 * Beside others, its output is printed whole when it ends, so that lanes do not interleave.
 */
function runStep(step: Step, buffered: boolean): Promise<number> {
  const bins = [join(step.cwd, 'node_modules/.bin'), join(REPO_ROOT, 'node_modules/.bin')]
  const env = { ...process.env, ...step.env, PATH: [...bins, process.env.PATH].join(delimiter) }
  const child = spawn(step.command, { cwd: step.cwd, shell: true, stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env })
  const output: Buffer[] = []
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => {
      if (buffered) process.stdout.write(`\n[suite] ${label(step)}\n${Buffer.concat(output).toString()}`)
      resolve(code ?? 1)
    })
  })
}

const label = (step: Step) => `${step.stage}: ${step.command}`

/**
 * CPU seconds used so far by this process's finished children (and theirs), from Linux's /proc; null
 * elsewhere. Beside wall time it shows which steps a busy machine slows and which wait.
 */
function childrenCpuSeconds(): number | null {
  if (!existsSync('/proc/self/stat')) return null
  // Fields after the command's closing parenthesis; cutime and cstime are the 16th and 17th of the line.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[13]) + Number(fields[14])) / 100
}

// `--list` prints the steps without running them.
if (process.argv.includes('--list')) {
  const env = (step: Step) => (step.env ? `  (${Object.entries(step.env).map(([k, v]) => `${k}=${v}`).join(' ')})` : '')
  SIDE_BY_SIDE.forEach((lane, i) => lane.forEach((step) => console.log(`lane ${i + 1}  ${label(step)}${env(step)}`)))
  LAST.forEach((step) => console.log(`last    ${label(step)}${env(step)}`))
  process.exit(0)
}

type Done = { step: Step; seconds: number; code: number }
const done: Done[] = []

/** Runs a lane's steps in order, up to the first that fails. */
async function runLane(lane: Lane, buffered: boolean): Promise<void> {
  for (const step of lane) {
    if (!buffered) console.log(`\n[suite] ${label(step)}`)
    const t0 = performance.now()
    const code = await runStep(step, buffered)
    done.push({ step, seconds: (performance.now() - t0) / 1000, code })
    if (code !== 0) return
  }
}

/** Wall and CPU time of `run`. */
async function timed(run: () => Promise<unknown>): Promise<{ seconds: number; cpu: number | null }> {
  const t0 = performance.now()
  const cpu0 = childrenCpuSeconds()
  await run()
  const cpu1 = childrenCpuSeconds()
  return { seconds: (performance.now() - t0) / 1000, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 }
}

const sideBySide = await timed(() => Promise.all(SIDE_BY_SIDE.map((lane) => runLane(lane, true))))
const failed = () => done.some(({ code }) => code !== 0)
const last = failed() ? null : await timed(() => runLane(LAST, false))
const total = { seconds: sideBySide.seconds + (last?.seconds ?? 0), cpu: sideBySide.cpu === null || last?.cpu === null ? null : sideBySide.cpu + (last?.cpu ?? 0) }

const SIDE_LABEL = `${SIDE_BY_SIDE.length} lanes side by side`
const width = Math.max(...done.map(({ step }) => label(step).length + 2), SIDE_LABEL.length)
const row = (text: string, seconds: number, cpu: number | null = null, code = 0) =>
  console.log(`  ${text.padEnd(width)}  ${seconds.toFixed(1).padStart(7)} s${cpu === null ? '' : `  ${cpu.toFixed(1).padStart(7)} s CPU`}${code === 0 ? '' : `  failed (exit ${code})`}`)
const lastSteps = done.filter(({ step }) => LAST.includes(step))

console.log('\n[suite] step times (wall, and the CPU its processes used)')
row(SIDE_LABEL, sideBySide.seconds, sideBySide.cpu)
for (const { step, seconds, code } of done.filter((d) => !lastSteps.includes(d))) row(`  ${label(step)}`, seconds, null, code)
for (const { step, seconds, code } of lastSteps) row(label(step), seconds, lastSteps.length === 1 ? (last?.cpu ?? null) : null, code)
const skipped = [...SIDE_BY_SIDE.flat(), ...LAST].length - done.length
row(`total${skipped ? ` (${skipped} steps not run)` : ''}`, total.seconds, total.cpu)
process.exit(done.find(({ code }) => code !== 0)?.code ?? 0)
