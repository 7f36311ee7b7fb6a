import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { EXTENSION_ROOT, VARIANTS, buildVariants } from '../scripts/build-variants.ts'

/** Where each built variant's files are (the folder holding its manifest.json). */
export type BuiltExtensions = { chrome: string; chromeDev: string; firefox: string }

declare module 'vitest' {
  export interface ProvidedContext {
    builtExtensions: BuiltExtensions
  }
}

/**
 * Vitest global setup: the tests here read the built manifests and icons, lint:firefox lints the
 * Firefox zip, and `npm test`'s browser tests load the same folders. Each build runs in a child
 * process (WXT's build must not share a process with the WXT Vitest plugin). SKIP_EXTENSION_BUILD
 * reuses the builds there: the package's `test` script makes them in a step of their own, so that
 * `npm test` can start the browser tests beside these.
 */
export default function setup(project: TestProject) {
  if (!process.env.SKIP_EXTENSION_BUILD) buildVariants()
  project.provide(
    'builtExtensions',
    Object.fromEntries(VARIANTS.map((v) => [v.key, join(EXTENSION_ROOT, '.output', v.dir)])) as BuiltExtensions,
  )
}
