/**
 * `npm test`: the structure checks and each package's own `test` script, and a table of what each step
 * cost at the end. The steps are read from the packages' scripts, so running a package's `test` alone
 * does the same work. Most of it waits or uses one core, so it runs in lanes side by side (LANES).
 */
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { delimiter, join } from 'node:path'
import auditTemplate from '../harness/audit-template.ts'
import compileCache from '../harness/compile-cache.ts'
import bundleRelay from '../harness/relay-bundle.ts'
import { REPO_ROOT } from '../harness/stack.ts'
import { cpuGroup } from './cpu-group.ts'
import { type CpuOf, childrenCpuSeconds, machineCpuSeconds } from './cpu-of.ts'

type Step = { stage: string; command: string; cwd: string; env?: NodeJS.ProcessEnv }
/** Steps run in order, up to the first that fails; `after`: a lane that must have passed first. */
type Lane = { steps: Step[]; after?: number }

const readJson = <T>(path: string) => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as T

/**
 * A package's `test` script split at its last `vitest run`: the checks before it (the test package's
 * repo checks among them), and the tests from it on.
 */
function packageSteps(dir: string, env?: NodeJS.ProcessEnv): { checks: Step[]; tests: Step[] } {
  const { name, scripts } = readJson<{ name: string; scripts: { test: string } }>(join(dir, 'package.json'))
  const steps = scripts.test
    .split(' && ')
    .map((command) => ({ stage: name.replace('@idv-lens/', ''), command, cwd: join(REPO_ROOT, dir), env }))
  const at = Math.max(
    0,
    steps.findLastIndex((step) => /\bvitest run\b/.test(step.command)),
  )
  return { checks: steps.slice(0, at), tests: steps.slice(at) }
}

const structure = readJson<{ scripts: Record<string, string> }>('package.json').scripts['check:structure']!.split(' && ')
const [shared, worker, extension, browser] = [
  packageSteps('shared'),
  packageSteps('worker'),
  packageSteps('extension'),
  packageSteps('test', { SKIP_EXTENSION_BUILD: '1' }),
]
const isRelay = (step: Step) => /--project relay\b/.test(step.command)
/**
 * The lanes: the checks (structure, and what comes before each package's tests: type checks, the
 * bundle check, the repo's rules) and shared's tests; the worker's tests, from the start (one chain
 * of calls in one workerd, the longest lane after the browser's); the extension's type check and
 * builds (the type check first: WXT's build may rewrite the types it reads); then, on those builds,
 * the browser tests and the extension's own tests; and the relay's tests. The browser tests print as
 * they go (BROWSER); the other steps print whole when each ends.
 */
const LANES: Lane[] = [
  {
    steps: [
      ...structure.map((command) => ({ stage: 'structure', command, cwd: REPO_ROOT })),
      ...worker.checks,
      ...browser.checks.filter((step) => !isRelay(step)),
      ...shared.checks,
      ...shared.tests,
    ],
  },
  { steps: worker.tests },
  { steps: extension.checks },
  { steps: browser.tests, after: 2 },
  { steps: extension.tests, after: 2 },
  { steps: browser.checks.filter(isRelay) },
]
const BROWSER = new Set(browser.tests)
/**
 * The steps that start relays: the relay and the browser tests. They run files side by side and take
 * whatever CPU is free, so they run at a lower priority (nice): the steps that wait on one chain of
 * calls (the worker's tests, all in one workerd) keep their pace beside them and do not end last, alone.
 * Both start their relays from what the run makes once (relaySetup, below) instead of each project's
 * global setup making it again.
 */
const STARTS_RELAYS = /--project (relay|browser)\b/

/**
 * Runs one step as pnpm runs a script: in the package, its own and the root's binaries first on PATH;
 * resolves to its exit code and the CPU it used (cpu-of.ts's report; null if none). A buffered
 * step's output is printed whole when it ends, so that lanes do not interleave.
 */
function runStep(step: Step, buffered: boolean): Promise<{ code: number; cpu: CpuOf | null }> {
  const bins = [join(step.cwd, 'node_modules/.bin'), join(REPO_ROOT, 'node_modules/.bin')]
  const env = { ...process.env, ...step.env, PATH: [...bins, process.env.PATH].join(delimiter) }
  const stdio = buffered ? (['ignore', 'pipe', 'pipe', 'pipe'] as const) : (['inherit', 'inherit', 'inherit', 'pipe'] as const)
  const command = STARTS_RELAYS.test(step.command) ? `nice -n 10 ${step.command}` : step.command
  const child = spawn(process.execPath, [CPU_OF, command], { cwd: step.cwd, stdio: [...stdio], env })
  const output: Buffer[] = []
  let cpu = ''
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk))
  child.stdio[3]?.on('data', (chunk: Buffer) => (cpu += chunk.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => {
      if (buffered) process.stdout.write(`\n[suite] ${label(step)}\n${Buffer.concat(output).toString()}`)
      resolve({ code: code ?? 1, cpu: cpu === '' ? null : (JSON.parse(cpu) as CpuOf) })
    })
  })
}

const CPU_OF = join(REPO_ROOT, 'test/scripts/cpu-of.ts')
const label = (step: Step) => `${step.stage}: ${step.command}`

// `--list` prints the steps without running them.
if (process.argv.includes('--list')) {
  const env = (step: Step) =>
    step.env
      ? `  (${Object.entries(step.env)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')})`
      : ''
  LANES.forEach((lane, i) => lane.steps.forEach((step) => console.log(`lane ${i + 1}  ${label(step)}${env(step)}`)))
  process.exit(0)
}

type Done = { step: Step; lane: number; seconds: number; cpu: CpuOf | null; code: number }
const done: Done[] = []

/** Runs a lane's steps in order, up to the first that fails; resolves to whether all passed. */
async function runLane(steps: Step[], index: number): Promise<boolean> {
  for (const step of steps) {
    const buffered = !BROWSER.has(step)
    if (!buffered) console.log(`\n[suite] ${label(step)}`)
    const t0 = performance.now()
    const { code, cpu } = (await relaySetupFor(step)) ? await runStep(step, buffered) : { code: 1, cpu: null }
    done.push({ step, lane: index + 1, seconds: (performance.now() - t0) / 1000, cpu, code })
    if (code !== 0) return false
  }
  return true
}

/** Whether `step` may start: a step that starts relays waits for their setup, and fails with it. */
async function relaySetupFor(step: Step): Promise<boolean> {
  if (!STARTS_RELAYS.test(step.command)) return true
  return relaySetup.then(
    () => true,
    (err: Error) => (console.error(`\n[suite] ${label(step)}: the relays' setup failed\n${err.message}`), false),
  )
}

/** Every lane, each as soon as the lane it comes after has passed (never, if that one failed). */
function runLanes(): Promise<boolean[]> {
  const passed: Promise<boolean>[] = []
  LANES.forEach(({ steps, after }, i) => {
    passed[i] = after === undefined ? runLane(steps, i) : passed[after]!.then((ok) => ok && runLane(steps, i))
  })
  return Promise.all(passed)
}

// The machine's load beside the times: a busy machine (another suite, other work) stretches wall time, not CPU.
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')
const loadBefore = load()
// The run's own cgroup (cpu-group.ts): each step's (cpu-of.ts) nests in it, so its count is the run's whole.
const suiteGroup = cpuGroup('suite')
if (suiteGroup) writeFileSync(suiteGroup.procs, String(process.pid))
// One V8 compile cache for every Node process of the run (the relay steps' global setup, made here):
// pnpm, vitest, wrangler and WXT each start many times, and only the first start compiles them.
const removeCompileCache = await compileCache()
const machineBefore = machineCpuSeconds()
const t0 = performance.now()
/**
 * The Worker bundled and the audit schema applied once for the run (the global setups' own work,
 * harness/relay-bundle.ts and audit-template.ts): they leave their paths in this process's environment,
 * which the relay and browser tests inherit, and skip their own.
 */
const relaySetups = Promise.allSettled([auditTemplate(), bundleRelay()])
const relaySetup = relaySetups.then((setups) => {
  for (const setup of setups) if (setup.status === 'rejected') throw setup.reason
})
relaySetup.catch(() => {}) // a failure is the relay steps' to report (relaySetupFor), when they come
try {
  await runLanes()
} finally {
  // Each setup that did its work is undone, also when the other failed.
  for (const setup of await relaySetups) if (setup.status === 'fulfilled') await setup.value?.()
  await removeCompileCache?.()
}
const total = { seconds: (performance.now() - t0) / 1000, cpu: suiteGroup?.seconds() ?? childrenCpuSeconds() }
suiteGroup?.remove(process.pid)

const width = Math.max(...done.map(({ step }) => label(step).length + 2))
/** A step's row; `cpu.waited` is shown where it falls short: the CPU of processes that left the step's tree. */
const row = (text: string, seconds: number, cpu: CpuOf | null, code = 0) => {
  const escaped = cpu?.cpu != null && cpu.waited != null && cpu.cpu - cpu.waited >= 0.5 ? cpu.cpu - cpu.waited : 0
  console.log(
    `  ${text.padEnd(width)}  ${seconds.toFixed(1).padStart(7)} s${cpu?.cpu == null ? '' : `  ${cpu.cpu.toFixed(1).padStart(7)} s CPU`}${escaped ? `  (${escaped.toFixed(1)} s outside its process tree)` : ''}${code === 0 ? '' : `  failed (exit ${code})`}`,
  )
  for (const process of cpu?.leftover ?? []) console.log(`      left running, then stopped: ${process}`)
}

console.log(`\n[suite] step times by lane (wall, and the CPU its processes used); load average ${loadBefore} before, ${load()} after`)
for (const { step, lane, seconds, cpu, code } of done.sort((a, b) => a.lane - b.lane)) row(`${lane} ${label(step)}`, seconds, cpu, code)
const skipped = LANES.flatMap((lane) => lane.steps).length - done.length
row(`total${skipped ? ` (${skipped} steps not run)` : ''}`, total.seconds, { cpu: total.cpu, waited: null, leftover: [] })
printMachine()
/**
 * The machine's busy share over the run, and how much of it was this run's (the total above: with a
 * cgroup, every process it started). When the machine was busy nearly all the time, the run took what
 * the work costs on these cores: order and lanes cannot make it shorter, only less work can.
 */
function printMachine(): void {
  const after = machineCpuSeconds()
  if (!machineBefore || !after) return
  const [busy, all] = [after.busy - machineBefore.busy, after.all - machineBefore.all]
  const cores = all / total.seconds
  const others = total.cpu === null ? '' : `, ${Math.max(0, busy - total.cpu).toFixed(0)} of them not this run's`
  console.log(
    `  machine (every process): busy ${busy.toFixed(0)} of ${all.toFixed(0)} core-seconds (${((100 * busy) / all).toFixed(1)} % of ${cores.toFixed(1)} cores${others}); at full use, that work takes ${(busy / cores).toFixed(0)} s`,
  )
}

process.exit(done.find(({ code }) => code !== 0)?.code ?? 0)
