import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { contentScript, extensionPage, sendAs } from '../../test-support/sender-fakes.ts'
import { CLIPBOARD_PAGE, READ_BACK_AFTER_MS, registerClipboard, writeClipboard, type ClipboardDeps } from './clipboard.ts'
import { createOffscreenDocuments, type OffscreenApi } from './offscreen-document.ts'
import type { Sender } from './sender-policy.ts'
import { managedPolicyItem } from '../lib/managed-policy.ts'
import { copyCheckOfferItem } from '../lib/copy-check.ts'

const ID = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const SUMMARY = `Persona inquiry ${ID}\nOutcome: approved\nLink: https://app.withpersona.com/dashboard/inquiries/${ID}`

/** The content script of the tab the agent is in (or of a tab behind it). */
const inTab = (active: boolean): Sender => ({ ...contentScript(7), tab: { id: 7, windowId: 1, active } as Sender['tab'] })

/** A wait that does not wait, noting how long it was asked for: the read-backs' schedule, without a clock. */
const noWait = (calls: string[]) => async (ms: number) => void calls.push(`wait ${ms}`)

/** The clipboard's text after each read-back's wait, by read (the last repeats): what a page wrote meanwhile. */
function chromeDeps(answer: () => Promise<boolean>, readsAs: (string | null)[] = [], checkOn = true) {
  const calls: string[] = []
  let written = ''
  let reads = 0
  const api: OffscreenApi = {
    createDocument: vi.fn(async ({ url, reasons }) => void calls.push(`create ${url} ${reasons.join()}`)),
    closeDocument: vi.fn(async () => void calls.push('close')),
  }
  const askPage = vi.fn(async (text: string) => {
    calls.push(`write ${text}`)
    written = text
    return answer()
  })
  const askHolds = vi.fn(async (text: string) => {
    const now = readsAs.length === 0 ? written : readsAs[Math.min(reads, readsAs.length - 1)]!
    reads++
    calls.push(`read ${now === null ? 'refused' : now === text ? 'ours' : 'other'}`)
    return now === null ? null : now === text
  })
  const deps: ClipboardDeps = {
    documents: createOffscreenDocuments(api),
    clipboard: undefined,
    askPage,
    askHolds,
    checkOn: async () => checkOn,
    wait: noWait(calls),
  }
  return { deps, calls }
}

const READS = READ_BACK_AFTER_MS.map((at, i) => [`wait ${at - (READ_BACK_AFTER_MS[i - 1] ?? 0)}`, 'read ours']).flat()

describe('writing the clipboard from the background', () => {
  it('should write through the offscreen clipboard page in Chrome, and close it after', async () => {
    const { deps, calls } = chromeDeps(async () => true)
    await expect(writeClipboard(ID, deps)).resolves.toBe('copied')
    expect(calls).toEqual([`create ${CLIPBOARD_PAGE.url} CLIPBOARD`, `write ${ID}`, ...READS, 'close'])
  })

  it('should read the copy back for a bounded moment, and say replaced at the first read that finds other text', async () => {
    expect(READ_BACK_AFTER_MS.at(-1)).toBeLessThanOrEqual(1000)
    const { deps, calls } = chromeDeps(async () => true, [ID, 'customer reply planted by the page'])
    await expect(writeClipboard(ID, deps)).resolves.toBe('replaced')
    expect(calls).toEqual([
      `create ${CLIPBOARD_PAGE.url} CLIPBOARD`,
      `write ${ID}`,
      ...READS.slice(0, 2),
      `wait ${READ_BACK_AFTER_MS[1] - READ_BACK_AFTER_MS[0]}`,
      'read other',
      'close',
    ])
  })

  it('should say copied when the clipboard cannot be read back (no sign either way)', async () => {
    const { deps, calls } = chromeDeps(async () => true, [null])
    await expect(writeClipboard(ID, deps)).resolves.toBe('copied')
    expect(calls.filter((c) => c.startsWith('read'))).toEqual(READ_BACK_AFTER_MS.map(() => 'read refused'))
  })

  it('should say blocked, and close the page, when the page could not copy or did not answer', async () => {
    for (const answer of [async () => false, async () => Promise.reject(new Error('Receiving end does not exist'))]) {
      const { deps, calls } = chromeDeps(answer)
      await expect(writeClipboard(ID, deps)).resolves.toBe('blocked')
      expect(calls.at(-1)).toBe('close')
      expect(calls.some((c) => c.startsWith('read'))).toBe(false)
    }
  })

  /** Card copies asked for in order, as copyForCard counts them: each is outdated once a newer one is asked. */
  const askedInOrder = () => {
    let asked = 0
    return () => {
      const mine = ++asked
      return () => mine !== asked
    }
  }

  it('should write only the last of a burst of copies asked before their turn, and read that one back in full', async () => {
    const { deps, calls } = chromeDeps(async () => true)
    const ask = askedInOrder()
    const outcomes = Promise.all(['first', 'second', ID].map((text) => writeClipboard(text, deps, ask())))
    await expect(outcomes).resolves.toEqual(['superseded', 'superseded', 'copied'])
    expect(calls).toEqual([`create ${CLIPBOARD_PAGE.url} CLIPBOARD`, `write ${ID}`, ...READS, 'close'])
  })

  it("should end a copy's read-back when a newer copy is asked for, which then takes its turn", async () => {
    const { deps, calls } = chromeDeps(async () => true)
    const ask = askedInOrder()
    let newer: Promise<unknown> | undefined
    // The agent asks again while the first copy is being read back.
    const wait = deps.wait
    deps.wait = async (ms) => {
      await wait(ms)
      newer ??= writeClipboard(ID, deps, ask())
    }
    await expect(writeClipboard('first', deps, ask())).resolves.toBe('copied')
    await expect(newer).resolves.toBe('copied')
    expect(calls).toEqual([
      `create ${CLIPBOARD_PAGE.url} CLIPBOARD`,
      'write first',
      READS[0],
      'read ours',
      'write ' + ID,
      ...READS,
      'close',
    ])
  })

  it("should not take a newer copy's text for a page's write (Firefox writes each at once)", async () => {
    let board = ''
    const ask = askedInOrder()
    const firstOutdated = ask()
    const writeText = vi.fn(async (text: string) => void (board = text))
    const readText = async () => {
      // The agent's next copy lands while the first is read back.
      if (board === 'first') await writeClipboard(ID, firefox({ writeText, readText: async () => board }), ask())
      return board
    }
    await expect(writeClipboard('first', firefox({ writeText, readText }), firstOutdated)).resolves.toBe('copied')
    expect(board).toBe(ID)
  })

  const firefox = (clipboard: ClipboardDeps['clipboard'], checkOn = true): ClipboardDeps => ({
    documents: undefined,
    clipboard,
    askPage: vi.fn(),
    askHolds: vi.fn(),
    checkOn: async () => checkOn,
    wait: noWait([]),
  })

  it("should write with the background page's own clipboard in Firefox, and read it back there", async () => {
    let board = ''
    const writeText = vi.fn(async (text: string) => void (board = text))
    await expect(writeClipboard(SUMMARY, firefox({ writeText, readText: async () => board }))).resolves.toBe('copied')
    expect(writeText).toHaveBeenCalledWith(SUMMARY)
    await expect(writeClipboard(SUMMARY, firefox({ writeText, readText: async () => 'planted' }))).resolves.toBe('replaced')
    const refused = vi.fn(async () => Promise.reject(new DOMException('Clipboard write was blocked', 'NotAllowedError')))
    await expect(writeClipboard(SUMMARY, firefox({ writeText: refused, readText: async () => '' }))).resolves.toBe('blocked')
  })

  it('should write and read nothing back, saying unchecked, while the agent has not turned the copy check on (Chrome and Firefox)', async () => {
    const { deps, calls } = chromeDeps(async () => true, [], false)
    await expect(writeClipboard(ID, deps)).resolves.toBe('unchecked')
    expect(calls).toEqual([`create ${CLIPBOARD_PAGE.url} CLIPBOARD`, `write ${ID}`, 'close'])
    let board = ''
    const readText = vi.fn(async () => board)
    await expect(writeClipboard(SUMMARY, firefox({ writeText: async (text) => void (board = text), readText }, false))).resolves.toBe(
      'unchecked',
    )
    expect(board).toBe(SUMMARY)
    expect(readText).not.toHaveBeenCalled()
    // Blocked stays blocked: the check's state changes nothing about a copy that did not land.
    await expect(writeClipboard(ID, chromeDeps(async () => false, [], false).deps)).resolves.toBe('blocked')
  })

  it('should say blocked where the background has no way to the clipboard', async () => {
    await expect(writeClipboard(ID, firefox(undefined))).resolves.toBe('blocked')
  })
})

describe('copyForCard', () => {
  const write = vi.fn(async (_text: string, _outdated: () => boolean) => 'copied' as const)
  let unregister = () => {}
  beforeEach(() => {
    fakeBrowser.reset()
    write.mockClear()
    unregister = registerClipboard(write)
  })
  afterEach(() => unregister())

  it("should copy a card's ID or its summary for the content script of the tab the agent is in", async () => {
    await expect(sendAs(inTab(true), 'copyForCard', { id: ID, text: ID })).resolves.toBe('copied')
    await expect(sendAs(inTab(true), 'copyForCard', { id: ID, text: SUMMARY })).resolves.toBe('copied')
    expect(write.mock.calls.map(([text]) => text)).toEqual([ID, SUMMARY])
  })

  it('should have the popup and side panel offer the copy check after a copy made without it, unless the agent declined', async () => {
    await sendAs(inTab(true), 'copyForCard', { id: ID, text: ID })
    expect(await copyCheckOfferItem.getValue()).toBeNull()
    write.mockResolvedValueOnce('unchecked' as never)
    await expect(sendAs(inTab(true), 'copyForCard', { id: ID, text: ID })).resolves.toBe('unchecked')
    expect(await copyCheckOfferItem.getValue()).toBe('due')
    await copyCheckOfferItem.setValue('declined')
    write.mockResolvedValueOnce('unchecked' as never)
    await sendAs(inTab(true), 'copyForCard', { id: ID, text: ID })
    expect(await copyCheckOfferItem.getValue()).toBe('declined')
  })

  it('should tell each copy when the agent asked for a newer one, counting only copies it takes', async () => {
    await sendAs(inTab(true), 'copyForCard', { id: ID, text: ID })
    const firstOutdated = write.mock.calls[0]![1]
    expect(firstOutdated()).toBe(false)
    await expect(sendAs(inTab(false), 'copyForCard', { id: ID, text: ID })).rejects.toThrow(/refused/)
    expect(firstOutdated()).toBe(false)
    await sendAs(inTab(true), 'copyForCard', { id: ID, text: SUMMARY })
    expect(firstOutdated()).toBe(true)
    expect(write.mock.calls[1]![1]()).toBe(false)
  })

  it('should refuse anything but an ID or a text naming it, within the length bound, and write nothing', async () => {
    const refused = [
      { id: 'not an id', text: 'not an id' },
      { id: ID, text: 'HIJACKED' },
      { id: ID, text: `${ID} ${'x'.repeat(2000)}` },
      { id: ID, text: 42 },
      { id: ID },
      null,
      // Reply facts: every failed check as a lookup lists them, no more, and a count that holds them.
      {
        id: ID,
        reply: {
          kind: 'persona-inquiry',
          status: 'failed',
          reason: { check: 'a', reasons: [], failed: Array.from({ length: 51 }, () => ({ check: 'a', reasons: [] })), failedChecks: 51 },
        },
      },
      {
        id: ID,
        reply: {
          kind: 'persona-inquiry',
          status: 'failed',
          reason: {
            check: 'a',
            reasons: [],
            failed: [
              { check: 'a', reasons: [] },
              { check: 'b', reasons: [] },
            ],
            failedChecks: 1,
          },
        },
      },
      {
        id: ID,
        reply: {
          kind: 'persona-inquiry',
          status: 'failed',
          reason: { check: 'a', reasons: [], failed: [{ check: 'a', reasons: ['x'.repeat(101)] }], failedChecks: 1 },
        },
      },
    ]
    for (const data of refused) await expect(sendAs(inTab(true), 'copyForCard', data as never)).rejects.toThrow(/refused/)
    expect(write).not.toHaveBeenCalled()
  })

  it("should word a card's customer reply here, in the team's texts where policy locks or suggests some", async () => {
    const reply = {
      kind: 'persona-inquiry' as const,
      status: 'declined',
      reason: {
        check: 'id_expired_detection',
        reasons: ['expired'],
        failed: [{ check: 'id_expired_detection', reasons: ['expired'] }],
        failedChecks: 1,
      },
    }
    const approved = { ...reply, status: 'approved', reason: null }
    await expect(sendAs(inTab(true), 'copyForCard', { id: ID, reply })).resolves.toBe('copied')
    await managedPolicyItem.setValue({
      replyTexts: { en: { approved: 'All done, thank you.' } },
      defaults: { replyTexts: { en: { approved: 'Suggested.' } } },
    })
    await expect(sendAs(inTab(true), 'copyForCard', { id: ID, reply: approved })).resolves.toBe('copied')
    await managedPolicyItem.setValue({ defaults: { replyTexts: { en: { approved: 'Suggested.' } } } })
    await expect(sendAs(inTab(true), 'copyForCard', { id: ID, reply: approved })).resolves.toBe('copied')
    expect(write.mock.calls.map(([text]) => text)).toEqual([
      'The ID you used has expired. Please try again with a document that has not expired.',
      'All done, thank you.',
      'Suggested.',
    ])
  })

  it('should weigh every failed check the card sends: a suspicion among them makes the reply "not verified"', async () => {
    const failed = [
      { check: 'selfie_multiple_faces_detection', reasons: ['multiple_faces'] },
      { check: 'selfie_suspicious_entity_detection', reasons: [] },
    ]
    const reply = { kind: 'persona-inquiry' as const, status: 'failed', reason: { ...failed[0]!, failed, failedChecks: 2 } }
    await expect(sendAs(inTab(true), 'copyForCard', { id: ID, reply })).resolves.toBe('copied')
    expect(write.mock.calls.map(([text]) => text)).toEqual([
      expect.stringMatching(/^We could not verify your identity with the documents provided\./),
    ])
  })

  it('should refuse reply facts that are not short words of the ID its own kind, and write nothing', async () => {
    const ok = { kind: 'persona-inquiry', status: 'failed', reason: { check: 'id_glare_detection', reasons: ['glare'] } }
    const refused = [
      { ...ok, kind: 'deepidv-session' },
      { ...ok, kind: 'persona-case' },
      { ...ok, status: 'x'.repeat(65) },
      { ...ok, status: '' },
      { ...ok, reason: { check: 'id_glare_detection', reasons: 'glare' } },
      { ...ok, reason: { check: 'id_glare_detection', reasons: Array(21).fill('glare') } },
      { ...ok, reason: { check: 42, reasons: [] } },
      { ...ok, reason: undefined },
      null,
    ]
    for (const reply of refused) await expect(sendAs(inTab(true), 'copyForCard', { id: ID, reply } as never)).rejects.toThrow(/refused/)
    await expect(sendAs(inTab(false), 'copyForCard', { id: ID, reply: ok } as never)).rejects.toThrow(/refused/)
    expect(write).not.toHaveBeenCalled()
  })

  it('should refuse a tab the agent is not in, and the extension pages (they copy for themselves)', async () => {
    await expect(sendAs(inTab(false), 'copyForCard', { id: ID, text: ID })).rejects.toThrow(/refused/)
    await expect(sendAs(extensionPage('sidepanel.html'), 'copyForCard', { id: ID, text: ID })).rejects.toThrow(/refused/)
    expect(write).not.toHaveBeenCalled()
  })
})
