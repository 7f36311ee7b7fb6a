import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { demoFiles } from './new-vendor/demo-templates.ts'
import { extensionFiles, localeWords } from './new-vendor/extension-templates.ts'
import { namesOf } from './new-vendor/names.ts'
import { applyEdit, registryEdits } from './new-vendor/registry-lines.ts'
import { sharedFiles } from './new-vendor/shared-templates.ts'
import { workerFiles } from './new-vendor/worker-templates.ts'

/**
 * `npm run new:vendor -- <name>`: a stub vendor that type-checks and passes its own tests, as
 * docs/adding-a-vendor.md describes. Writes its folders and registry lines, nothing else; run from
 * the repository's root, or pass `--root <dir>` (test/repo/new-vendor.test.ts runs it in a copy).
 */
const args = process.argv.slice(2)
const rootAt = args.indexOf('--root')
const root = rootAt >= 0 ? args.splice(rootAt, 2)[1]! : process.cwd()
const name = args[0] ?? ''
const names = namesOf(name)

const folders = {
  'shared/src/vendors': sharedFiles(names),
  'worker/src/vendors': workerFiles(names),
  'worker/demo-upstream': demoFiles(names),
  'extension/src/vendors': extensionFiles(names),
}
for (const [parent, files] of Object.entries(folders)) {
  const dir = join(root, parent, name)
  if (existsSync(dir)) throw new Error(`${dir} exists: ${name} is a vendor already`)
  mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
}
for (const edit of registryEdits(names)) {
  const path = join(root, edit.file)
  writeFileSync(path, applyEdit(readFileSync(path, 'utf8'), edit))
}
for (const [lang, words] of Object.entries(localeWords(names))) {
  const path = join(root, 'extension/public/_locales', lang, 'messages.json')
  const catalogue = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { message: string }>
  for (const [key, message] of Object.entries(words)) catalogue[key] = { message }
  writeFileSync(path, `${JSON.stringify(catalogue, null, 2)}\n`)
}
console.log(`${name}: folders and registry lines written; next, docs/adding-a-vendor.md`)
