import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Caches and scratch space, which stay the copy's own. */
const CACHES = new Set(['.vite', '.cache', '.tmp'])

/**
 * The package's node_modules in a copy: each entry a link to the repo's, except the workspace's own
 * packages (@idv-lens/*), which link to the copy's, so its type checks and tests see its sources.
 */
function linkModules(repo: string, copy: string, pkg: string): void {
  const from = join(repo, pkg, 'node_modules')
  const to = join(copy, pkg, 'node_modules')
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(from)) {
    if (CACHES.has(entry)) continue
    if (entry !== '@idv-lens') symlinkSync(join(from, entry), join(to, entry))
  }
  if (!existsSync(join(from, '@idv-lens'))) return
  mkdirSync(join(to, '@idv-lens'))
  for (const own of readdirSync(join(from, '@idv-lens'))) {
    if (existsSync(join(copy, own))) symlinkSync(join(copy, own), join(to, '@idv-lens', own))
  }
}

/**
 * A throwaway copy of some of the repo's folders and files (tracked ones, as they are in the work tree)
 * and its root's package.json, wrangler.toml, biome.json and .gitignore (Biome reads both); each copied
 * package's installed dependencies linked, not copied; and WXT's generated types, which the extension's
 * type check reads. Delete it when done.
 */
export function copyRepo(repo: string, paths: string[]): string {
  const copy = mkdtempSync(join(tmpdir(), 'idv-lens-copy-'))
  const files = execFileSync(
    'git',
    [
      'ls-files',
      '-z',
      '--cached',
      '--others',
      '--exclude-standard',
      '--',
      ...paths,
      'package.json',
      'wrangler.toml',
      'biome.json',
      '.gitignore',
    ],
    { cwd: repo, encoding: 'utf8' },
  )
  for (const file of files.split('\0').filter(Boolean)) {
    if (!existsSync(join(repo, file))) continue
    mkdirSync(dirname(join(copy, file)), { recursive: true })
    cpSync(join(repo, file), join(copy, file))
  }
  if (paths.includes('extension')) cpSync(join(repo, 'extension/.wxt'), join(copy, 'extension/.wxt'), { recursive: true })
  for (const pkg of ['.', ...paths]) if (existsSync(join(repo, pkg, 'node_modules'))) linkModules(repo, copy, pkg)
  return copy
}
