import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'

/** Every file of a build, path relative to its root. */
function filesOf(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
}

const holdsHooks = (root: string, file: string) => readFileSync(join(root, file), 'latin1').includes('__idvLens')

describe('the bench and test hooks', () => {
  // The builds the global setup made (test-support/built-extensions.ts), without IDV_LENS_INSTRUMENTATION.
  it.each(['chrome', 'firefox'] as const)('should be absent from every file of the %s store build', (browser) => {
    const root = inject('builtExtensions')[browser]
    const files = filesOf(root)
    expect(files).toContain('content-scripts/inline-lookups.js')
    expect(files.filter((file) => holdsHooks(root, file))).toEqual([])
  })

  it('should be in the development build, under one global in the content scripts, their controls and the service worker', () => {
    const root = inject('builtExtensions').chromeDev
    expect(
      filesOf(root)
        .filter((file) => holdsHooks(root, file))
        .sort(),
    ).toEqual(['background.js', 'content-scripts/frame-fallback.js', 'content-scripts/inline-lookups.js', 'inline-controls.js'])
    const script = readFileSync(join(root, 'content-scripts/inline-lookups.js'), 'utf8')
    expect(new Set(script.match(/__idvLens\w*/g))).toEqual(new Set(['__idvLens']))
  })
})
