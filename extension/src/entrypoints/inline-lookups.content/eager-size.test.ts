import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { EAGER_LIMIT_GZIP } from '../../../test-support/eager-budget.ts'
import { gzipped } from '../../../test-support/eager-parts.ts'

/*
The content script goes into every frame of every helpdesk page at document_start: its size is paid
again and again, by frames that never show an ID too. The controls (our UI host, the launcher, hover
and focus, the card's timing) are a second file (inline-controls.js) a frame gets with its first ID;
the card, the list and Preact a third (inline-ui.js), on the agent's first hover or list. A build's
size is deterministic, so this is a test, not a benchmark. Each part's budget: eager-parts.test.ts.
*/

describe('the eager content script', () => {
  it.each(['chrome', 'firefox'] as const)(
    'should stay within 12 kB gzip in the %s build, with the controls in the file loaded with a first ID and the card, the list and their UI library in the one loaded on first use',
    (browser) => {
      // The store builds the global setup made (test-support/built-extensions.ts).
      const output = inject('builtExtensions')[browser]
      const eager = readFileSync(join(output, 'content-scripts/inline-lookups.js'))
      const lazy = readFileSync(join(output, 'inline-ui.js'))
      const controls = readFileSync(join(output, 'inline-controls.js'))
      console.info(
        `${browser}: content-scripts/inline-lookups.js ${eager.length} bytes, ${gzipped(eager)} gzip (limit ${EAGER_LIMIT_GZIP})`,
      )
      expect(gzipped(eager), `${eager.length} bytes, ${gzipped(eager)} gzip`).toBeLessThanOrEqual(EAGER_LIMIT_GZIP)
      // The registry's code stays out: its shapes come as data (the labels and the examples never).
      for (const code of ['Persona inquiry', 'getIdPattern', 'documented example']) expect(eager.toString(), code).not.toContain(code)
      // Preact's option hooks keep their names through minification: in the UI file only.
      expect(lazy.toString()).toContain('diffed')
      expect(eager.toString()).not.toContain('diffed')
      // The launcher's and the notices' words come with the controls.
      for (const key of ['launcherHint', 'noticeNoIdInSelection']) {
        expect(eager.toString(), key).not.toContain(key)
        expect(controls.toString(), key).toContain(key)
      }
      // The card's words are not in the eager script either.
      expect(eager.toString()).not.toContain('cardNotFound_')
      expect(lazy.toString()).toContain('cardNotFound_')
      // Neither in-page file holds the code to read the settings (the relay URL, the agent token).
      for (const name of ['agentToken', 'workerUrl', 'local:settings', 'storage.managed']) {
        expect(eager.toString(), name).not.toContain(name)
        expect(lazy.toString(), name).not.toContain(name)
        expect(controls.toString(), name).not.toContain(name)
      }
    },
  )
})
