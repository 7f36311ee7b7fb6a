import { signal } from '@preact/signals'
import type { ConnectionReport, Send } from '../lib/messages.ts'
import { requestRelayAccess, type RelayAccess, type RelayAccessApi } from '../lib/relay-access.ts'
import { urlProblem, type OptionsForm } from './options-form.ts'

export type TestState = { status: 'idle' } | { status: 'running' } | { status: 'done'; report: ConnectionReport }

const BACKGROUND_SILENT: ConnectionReport = {
  relay: 'error',
  auth: 'skipped',
  outcome: { code: 'relay-failed', failure: { kind: 'internal', reason: { code: 'background-silent' } } },
}

/** The options page's view of the relay: its auth mode, the browser's access to it, "Test connection". */
export function createOptionsConnection(send: Send, form: OptionsForm, accessApi: RelayAccessApi) {
  const test = signal<TestState>({ status: 'idle' })
  /** The saved relay's auth mode (`/healthz`); 'access' replaces the token field with "Sign in". */
  const authMode = signal<'tokens' | 'access' | null>(null)
  /** Firefox: whether the relay's host permission was granted at the last Save or Test (relay-access.ts). */
  const relayAccess = signal<RelayAccess | null>(null)
  /** Whether the origin must be listed in the relay's ALLOWED_ORIGINS (not in Firefox: see relay-access.ts). */
  const needsAllowedOrigin = signal(!accessApi.needsHostPermission())

  /** Starts the browser's prompt where it needs one; called first thing in a click (the gesture rule). */
  const askRelayAccess = (url: string) => requestRelayAccess(url, accessApi).then((access) => (relayAccess.value = access))

  async function askAuthMode(url: string): Promise<void> {
    if (!url.trim() || urlProblem(url)) return
    try {
      authMode.value = await send('relayAuthMode', { workerUrl: url.trim() })
    } catch {
      // The background did not answer: keep what is shown; Test connection says more.
    }
  }

  /**
   * Tests the form's values. Behind Access the token is not sent (the relay would refuse it, and the
   * agent cannot see that field there); a URL Save would refuse is not tested either, so a token
   * never goes to a plain-http relay on another machine.
   */
  async function runTest(access: Promise<unknown>): Promise<void> {
    if (form.problem.value) {
      test.value = { status: 'idle' }
      return
    }
    test.value = { status: 'running' }
    try {
      await access
      const token = authMode.value === 'access' ? '' : form.agentToken.value.trim()
      const report = await send('testConnection', { workerUrl: form.workerUrl.value.trim(), agentToken: token })
      if (!report) throw new Error('no report')
      if (report.authMode) authMode.value = report.authMode
      test.value = { status: 'done', report }
    } catch {
      test.value = { status: 'done', report: BACKGROUND_SILENT }
    }
  }

  return { test, authMode, relayAccess, needsAllowedOrigin, askRelayAccess, askAuthMode, runTest }
}
