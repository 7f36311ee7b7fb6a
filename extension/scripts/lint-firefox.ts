/**
 * Mozilla's addons-linter (what addons.mozilla.org runs on every upload) over the Firefox zip that
 * `pnpm run zip:firefox` made. Fails on any error; prints the warnings and notices with their count,
 * so a new one shows up in CI's log without failing the run.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

type Message = { code: string; message: string; file?: string; line?: number }
type Report = { summary: { errors: number; warnings: number; notices: number }; errors: Message[]; warnings: Message[]; notices: Message[] }

const root = fileURLToPath(new URL('../', import.meta.url))
const { version } = JSON.parse(await readFile(`${root}package.json`, 'utf8')) as { version: string }
const zip = `${root}.output/idv-lens-${version}-firefox.zip`
const linter = `${root}node_modules/.bin/addons-linter`

// The linter exits non-zero when it finds errors; its JSON report is on stdout either way.
const run = await promisify(execFile)(linter, ['--output', 'json', '--boring', zip], { maxBuffer: 16 * 1024 * 1024 }).catch(
  (err: { stdout?: string; message: string }) => {
    if (!err.stdout) throw err
    return { stdout: err.stdout }
  },
)
const report = JSON.parse(run.stdout) as Report
const line = (kind: string, m: Message) => `  ${kind} ${m.code}: ${m.message}${m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : ''}`
for (const m of report.errors) console.log(line('error', m))
for (const m of report.warnings) console.log(line('warning', m))
for (const m of report.notices) console.log(line('notice', m))
const { errors, warnings, notices } = report.summary
console.log(`addons-linter on ${zip.slice(root.length)}: ${errors} errors, ${warnings} warnings, ${notices} notices`)
if (errors > 0) process.exit(1)
