import { createHash, generateKeyPairSync } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Worker } from 'playwright-core'
import { EXTENSION_DIR } from './helpdesk-session.ts'
import { pollUntil } from './poll.ts'
import { WAIT } from './wait.ts'

/*
Chrome policy for one test's browser. Chromium applies /etc/chromium/policies/managed to every
browser on the machine, a second copy of the suite's too, and merges the files' "3rdparty" parts per
extension ID. So a policy test loads a copy of the build under a fresh ID of its own, its file names
that ID and this process, and nothing in it is for any other ID: no other browser sees it.
*/
const POLICY_DIR = '/etc/chromium/policies/managed'

/** A manifest key and the extension ID Chromium derives from it (the key's SHA-256, its first 16 bytes as letters a to p). */
export function freshExtensionKey(): { key: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const der = publicKey.export({ type: 'spki', format: 'der' })
  return { key: der.toString('base64'), id: extensionIdOf(der) }
}

const extensionIdOf = (der: Buffer) =>
  [...createHash('sha256').update(der).digest().subarray(0, 16)].map((b) => String.fromCharCode(97 + (b >> 4), 97 + (b & 15))).join('')

/** The ID every browser of every copy of the suite gives the development build: never a policy's. */
async function sharedBuildId(): Promise<string> {
  const { key } = JSON.parse(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as { key: string }
  return extensionIdOf(Buffer.from(key, 'base64'))
}

/** A copy of the development build whose manifest carries `key` (so Chromium gives it that key's ID). */
export async function copyWithKey(key: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'idv-lens-team-copy-'))
  await cp(EXTENSION_DIR, dir, { recursive: true })
  const manifestPath = join(dir, 'manifest.json')
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>
  await writeFile(manifestPath, JSON.stringify({ ...manifest, key }))
  return dir
}

/** Writes `settings` as the policy of copy `id` alone; returns the function that removes it (call it in `finally`). */
export async function writeExtensionPolicy(name: string, id: string, settings: object): Promise<() => Promise<void>> {
  if (id === (await sharedBuildId()))
    throw new Error(`a policy for the shared development build (${id}) would reach every browser of every copy of the suite`)
  const file = join(POLICY_DIR, `idv-lens-e2e-${process.pid}-${name}-${id}.json`)
  await mkdir(POLICY_DIR, { recursive: true })
  await writeFile(file, JSON.stringify({ '3rdparty': { extensions: { [id]: settings } } }))
  return () => rm(file, { force: true })
}

/** The extension API read in the service worker (run there; typed here for the checker). */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } }

/** How long a test waits for Chromium's policy: twice other waits, as one read took past 60 s with two suites at once. */
export const POLICY_WAIT_MS = 2 * WAIT.timeout

/**
 * Waits until the background's cached copy of policy passes `ready` (Chromium's first read of
 * policy after a start can take seconds, and every service-worker start reads it again).
 */
export function policyCached(background: Worker, ready: (policy: Record<string, unknown> | null) => boolean): Promise<unknown> {
  return pollUntil(
    () =>
      background.evaluate(
        async () => ((await chrome.storage.local.get('managedPolicy')).managedPolicy ?? null) as Record<string, unknown> | null,
      ),
    ready,
    { timeoutMs: POLICY_WAIT_MS, what: 'the policy from Chromium' },
  )
}
