import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { demoFiles } from './new-vendor/demo-templates.ts'
import { extensionFiles } from './new-vendor/extension-templates.ts'
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
const taken = Object.keys(folders)
  .map((parent) => join(root, parent, name))
  .filter((dir) => existsSync(dir))
if (taken.length) throw new Error(`${taken.join(', ')} exists: ${name} is a vendor already`)
const written: string[] = []
for (const [parent, files] of Object.entries(folders)) {
  const dir = join(root, parent, name)
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
    written.push(join(dir, file))
  }
}
for (const edit of registryEdits(names)) {
  const path = join(root, edit.file)
  writeFileSync(path, applyEdit(readFileSync(path, 'utf8'), edit))
  written.push(path)
}
// As the repo's format check wants them (a list that outgrew its line, say).
const biome = join(root, 'node_modules/.bin/biome')
if (existsSync(biome)) execFileSync(biome, ['format', '--write', ...written], { cwd: root, stdio: 'ignore' })
console.log(`${name}: folders, words and registry lines written; next, docs/adding-a-vendor.md`)
