import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, inject, it } from 'vitest'

/*
The content script goes into every frame of every helpdesk page at document_start: its size is paid
again and again, by frames that never show an ID too. The card, the list and Preact are a second
file (inline-ui.js) a frame gets on the agent's first hover or list. A build's size is deterministic,
so this is a test, not a benchmark.
*/

/** The limit for what loads eagerly (its goal is 15 kB). */
const EAGER_LIMIT_GZIP = 20_000

const gzipped = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length

describe('the eager content script', () => {
  it.each(['chrome', 'firefox'] as const)('should stay within 20 kB gzip in the %s build, with the card, the list and their UI library in the file loaded on first use', (browser) => {
    // The store builds the global setup made (test-support/built-extensions.ts).
    const output = inject('builtExtensions')[browser]
    const eager = readFileSync(join(output, 'content-scripts/inline-lookups.js'))
    const lazy = readFileSync(join(output, 'inline-ui.js'))
    expect(gzipped(eager), `${eager.length} bytes, ${gzipped(eager)} gzip`).toBeLessThanOrEqual(EAGER_LIMIT_GZIP)
    // Preact's option hooks keep their names through minification: in the UI file only.
    expect(lazy.toString()).toContain('diffed')
    expect(eager.toString()).not.toContain('diffed')
    // The card's words are not in the eager script either.
    expect(eager.toString()).not.toContain('cardNotFound_')
    expect(lazy.toString()).toContain('cardNotFound_')
    // Neither in-page file holds the code to read the settings (the relay URL, the agent token).
    for (const name of ['agentToken', 'workerUrl', 'local:settings', 'storage.managed']) {
      expect(eager.toString(), name).not.toContain(name)
      expect(lazy.toString(), name).not.toContain(name)
    }
  })
})
