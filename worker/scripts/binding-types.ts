/**
 * The Worker's generated type files, from `wrangler.toml` through the pinned wrangler: `write` (`pnpm -F
 * @idv-lens/worker types`) regenerates them; `check` (`types:check`, in the worker's tests) regenerates into
 * scratch files and compares byte for byte, since `wrangler types --check` compares only a header hash.
 * worker-configuration.d.ts loses the Durable Object generic and `mainModule`: the extension type-checks
 * the Worker's routes for its typed client, and those would pull the Workers runtime into a DOM program
 * (gate/protocol.ts and live/binding.ts narrow the namespaces). worker-runtime.d.ts is kept as generated.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const WORKER_DIR = fileURLToPath(new URL('..', import.meta.url))
const WRANGLER = fileURLToPath(new URL('../node_modules/.bin/wrangler', import.meta.url))

type TypeFile = { file: string; args: string[]; rewrite: (text: string) => string }

const plainNamespaces = (text: string) =>
  text
    .replace(/DurableObjectNamespace<import\("\.\/src\/index"\)\.(\w+)>/g, 'DurableObjectNamespace /* $1 */')
    .replace(/^\s*mainModule: typeof import\("\.\/src\/index"\);\n/m, '')

const FILES: TypeFile[] = [
  {
    file: 'worker-configuration.d.ts',
    args: ['--env-interface', 'CloudflareBindings', '--strict-vars=false', '--include-runtime=false'],
    rewrite: plainNamespaces,
  },
  { file: 'worker-runtime.d.ts', args: ['--include-env=false'], rewrite: (text) => text },
]

/** Runs `wrangler types` into `out` (a path in the worker folder, so `./src/index` imports stay as they are). */
function generate(type: TypeFile, out: string): string {
  const result = spawnSync(WRANGLER, ['types', '-c', '../wrangler.toml', ...type.args, out], { cwd: WORKER_DIR, encoding: 'utf8' })
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`)
    throw new Error(`wrangler types for ${type.file} failed (exit ${result.status})`)
  }
  // The header names the command it ran, with the output path when it is not the default one.
  return type.rewrite(readFileSync(`${WORKER_DIR}${out}`, 'utf8').replace(` ${out}\``, '`'))
}

/** The first line that differs, for the failure message. */
function firstDifference(committed: string, generated: string): string {
  const a = committed.split('\n')
  const b = generated.split('\n')
  const line = a.findIndex((text, i) => text !== b[i])
  const at = line === -1 ? a.length : line
  // Show each side from a little before the first character that differs (long header lines).
  const [x = '', y = ''] = [a[at], b[at]]
  let column = 0
  while (column < x.length && x[column] === y[column]) column++
  const around = (text: string | undefined) =>
    text === undefined ? '(end of file)' : JSON.stringify(text.slice(Math.max(0, column - 40), column + 80))
  return `line ${at + 1}: committed ${around(a[at])}, generated ${around(b[at])}`
}

const mode = process.argv[2]
if (mode === 'write') {
  for (const type of FILES) writeFileSync(`${WORKER_DIR}${type.file}`, generate(type, type.file))
  console.log(`binding types: wrote ${FILES.map((t) => t.file).join(', ')}`)
} else if (mode === 'check') {
  const stale: string[] = []
  for (const type of FILES) {
    const scratch = `.types-check-${process.pid}-${type.file}`
    try {
      const generated = generate(type, scratch)
      const committed = readFileSync(`${WORKER_DIR}${type.file}`, 'utf8')
      if (generated !== committed)
        stale.push(`${type.file} is not what wrangler types generates (${firstDifference(committed, generated)})`)
    } finally {
      rmSync(`${WORKER_DIR}${scratch}`, { force: true })
    }
  }
  if (stale.length > 0) {
    console.error(
      `binding types out of date:\n${stale.map((s) => `  - ${s}`).join('\n')}\nRegenerate with \`pnpm -F @idv-lens/worker types\`.`,
    )
    process.exit(1)
  }
  console.log(`binding types: ${FILES.map((t) => t.file).join(', ')} are what wrangler types generates`)
} else {
  console.error('usage: node scripts/binding-types.ts write|check')
  process.exit(2)
}
