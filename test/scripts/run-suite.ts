/**
 * `npm test`: the structure checks and each package's own `test` script, and a table of what each step
 * cost at the end. The steps are read from the packages' scripts, so running a package's `test` alone
 * does the same work. The checks (what comes before a package's tests: type checks, the bundle check)
 * need nothing built and run two at a time; the tests then run one package at a time, in an order that
 * builds the extension before the browser tests, which load that build instead of building it again.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { REPO_ROOT } from '../harness/stack.ts'

type Step = { stage: string; command: string; cwd: string; env?: NodeJS.ProcessEnv; check: boolean }

/** Dependencies before dependants; the test package last, as it loads what the extension's tests built. */
const PACKAGES = ['shared', 'worker', 'extension', 'test']

/** Each command of the package's `test` script; those before its `vitest run` are checks. */
function packageSteps(dir: string, env?: NodeJS.ProcessEnv): Step[] {
  const { name, scripts } = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { name: string; scripts: { test: string } }
  const commands = scripts.test.split(' && ')
  const tests = commands.indexOf('vitest run')
  return commands.map((command, i) => ({ stage: name.replace('@idv-lens/', ''), command, cwd: join(REPO_ROOT, dir), env, check: tests !== -1 && i < tests }))
}

const rootScripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
const steps: Step[] = [
  ...rootScripts['check:structure']!.split(' && ').map((command) => ({ stage: 'structure', command, cwd: REPO_ROOT, check: true })),
  ...PACKAGES.flatMap((dir) => packageSteps(dir, dir === 'test' ? { SKIP_EXTENSION_BUILD: '1' } : undefined)),
]

/**
 * Runs one step as pnpm runs a script: in the package, its own and the root's binaries first on PATH.
 * A check's output is printed whole when it ends, so two side by side do not interleave.
 */
function runStep(step: Step): Promise<number> {
  const bins = [join(step.cwd, 'node_modules/.bin'), join(REPO_ROOT, 'node_modules/.bin')]
  const env = { ...process.env, ...step.env, PATH: [...bins, process.env.PATH].join(delimiter) }
  const child = spawn(step.command, { cwd: step.cwd, shell: true, stdio: step.check ? ['ignore', 'pipe', 'pipe'] : 'inherit', env })
  const output: Buffer[] = []
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk))
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => {
      if (step.check) process.stdout.write(`\n[suite] ${step.stage}: ${step.command}\n${Buffer.concat(output).toString()}`)
      resolve(code ?? 1)
    })
  })
}

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
  for (const step of steps) console.log(`${step.check ? 'check ' : 'test  '}${step.stage}: ${step.command}${step.env ? `  (${Object.entries(step.env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`)
  process.exit(0)
}

/** Checks side by side: each is one single-threaded process (tsc, knip), and two cores are the least CI has. */
const CHECKS_AT_ONCE = 2

type Done = { step: Step; seconds: number; cpu: number | null; code: number }
const done: Done[] = []
const started = performance.now()

/** Runs `step` and records its wall time and, for a test step (the only one running then), its CPU time. */
async function timed(step: Step): Promise<Done> {
  if (!step.check) console.log(`\n[suite] ${step.stage}: ${step.command}`)
  const t0 = performance.now()
  const cpu0 = step.check ? null : childrenCpuSeconds()
  const code = await runStep(step)
  const cpu1 = step.check ? null : childrenCpuSeconds()
  const result = { step, seconds: (performance.now() - t0) / 1000, cpu: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, code }
  done.push(result)
  return result
}

const checks = steps.filter((step) => step.check)
const checksCpu0 = childrenCpuSeconds()
const queue = [...checks]
await Promise.all(
  Array.from({ length: CHECKS_AT_ONCE }, async () => {
    for (let step = queue.shift(); step; step = queue.shift()) await timed(step)
  }),
)
const checksCpu1 = childrenCpuSeconds()
const checksSeconds = (performance.now() - started) / 1000
if (done.every(({ code }) => code === 0)) {
  for (const step of steps.filter((s) => !s.check)) if ((await timed(step)).code !== 0) break
}

const total = (performance.now() - started) / 1000
const CHECKS_LABEL = `checks, ${CHECKS_AT_ONCE} at a time`
const width = Math.max(...done.map(({ step }) => `${step.stage}: ${step.command}`.length + 2), CHECKS_LABEL.length)
const cpuColumn = (cpu: number | null) => (cpu === null ? '' : `  ${cpu.toFixed(1).padStart(7)} s CPU`)
const row = (label: string, seconds: number, cpu: number | null, code = 0) =>
  console.log(`  ${label.padEnd(width)}  ${seconds.toFixed(1).padStart(7)} s${cpuColumn(cpu)}${code === 0 ? '' : `  failed (exit ${code})`}`)
const since = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a)

console.log('\n[suite] step times (wall, and the CPU its processes used)')
row(CHECKS_LABEL, checksSeconds, since(checksCpu0, checksCpu1))
for (const { step, seconds, code } of done.filter((d) => d.step.check)) row(`  ${step.stage}: ${step.command}`, seconds, null, code)
for (const { step, seconds, cpu, code } of done.filter((d) => !d.step.check)) row(`${step.stage}: ${step.command}`, seconds, cpu, code)
const skipped = steps.length - done.length
row(`total${skipped ? ` (${skipped} steps not run)` : ''}`, total, since(checksCpu0, childrenCpuSeconds()))
process.exit(done.find(({ code }) => code !== 0)?.code ?? (skipped ? 1 : 0))
