/**
 * `npm test`: the structure checks, then each package's own `test` script, one step at a time, and a
 * table of what each step cost at the end. The steps are read from the packages' scripts, so running a
 * package's `test` alone does the same work; the order builds the extension before the browser tests,
 * which then load that build instead of building it again.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { REPO_ROOT } from '../harness/stack.ts'

type Step = { stage: string; command: string; cwd: string; env?: NodeJS.ProcessEnv }

/** Dependencies before dependants; the test package last, as it loads what the extension's tests built. */
const PACKAGES = ['shared', 'worker', 'extension', 'test']

function packageSteps(dir: string, env?: NodeJS.ProcessEnv): Step[] {
  const { name, scripts } = JSON.parse(readFileSync(join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { name: string; scripts: { test: string } }
  return scripts.test.split(' && ').map((command) => ({ stage: name.replace('@idv-lens/', ''), command, cwd: join(REPO_ROOT, dir), env }))
}

const rootScripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
const steps: Step[] = [
  ...rootScripts['check:structure']!.split(' && ').map((command) => ({ stage: 'structure', command, cwd: REPO_ROOT })),
  ...PACKAGES.flatMap((dir) => packageSteps(dir, dir === 'test' ? { SKIP_EXTENSION_BUILD: '1' } : undefined)),
]

/** Runs one step as pnpm runs a script: in the package, its own and the root's binaries first on PATH. */
function runStep(step: Step): Promise<number> {
  const bins = [join(step.cwd, 'node_modules/.bin'), join(REPO_ROOT, 'node_modules/.bin')]
  const child = spawn(step.command, { cwd: step.cwd, shell: true, stdio: 'inherit', env: { ...process.env, ...step.env, PATH: [...bins, process.env.PATH].join(delimiter) } })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve(code ?? 1))
  })
}

// `--list` prints the steps without running them.
if (process.argv.includes('--list')) {
  for (const step of steps) console.log(`${step.stage}: ${step.command}${step.env ? `  (${Object.entries(step.env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`)
  process.exit(0)
}

const done: { step: Step; seconds: number; code: number }[] = []
const started = performance.now()
for (const step of steps) {
  console.log(`\n[suite] ${step.stage}: ${step.command}`)
  const t0 = performance.now()
  const code = await runStep(step)
  done.push({ step, seconds: (performance.now() - t0) / 1000, code })
  if (code !== 0) break
}

const total = (performance.now() - started) / 1000
const width = Math.max(...done.map(({ step }) => `${step.stage}: ${step.command}`.length))
console.log('\n[suite] step times')
for (const { step, seconds, code } of done) {
  console.log(`  ${`${step.stage}: ${step.command}`.padEnd(width)}  ${seconds.toFixed(1).padStart(7)} s${code === 0 ? '' : `  failed (exit ${code})`}`)
}
const skipped = steps.length - done.length
console.log(`  ${'total'.padEnd(width)}  ${total.toFixed(1).padStart(7)} s${skipped ? `  (${skipped} steps not run)` : ''}`)
process.exit(done.at(-1)?.code ?? 1)
