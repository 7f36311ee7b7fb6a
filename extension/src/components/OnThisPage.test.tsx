// @vitest-environment happy-dom
import { render } from 'preact'
import { act } from 'preact/test-utils'
import { fakeBrowser } from 'wxt/testing/fake-browser'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PageId, Send } from '../lib/messages.ts'
import { HELPDESKS, fakeBackground, fakePermissions, showIds } from '../../test-support/page-ids-fakes.ts'
import { createPageIdsStore } from '../stores/page-ids-store.ts'
import { OnThisPage } from './OnThisPage.tsx'

const INQ: PageId = { id: 'inq_zEx4jL84ShbUyuwX6AzPSqt6', kind: 'persona-inquiry' }
const WIKI = 'https://wiki.example.test/notes/1'

describe('OnThisPage', () => {
  const root = document.createElement('div')
  document.body.append(root)
  beforeEach(() => fakeBrowser.reset())
  afterEach(() => render(null, root))

  async function show(
    url: string | undefined,
    options: { granted?: string[]; ids?: PageId[]; running?: boolean; found?: PageId[] | null } = {},
  ) {
    const perms = fakePermissions(options.granted)
    const bg = fakeBackground(options)
    if (options.ids) await showIds(7, options.ids)
    const store = createPageIdsStore(bg.send as unknown as Send, perms.api)
    const onOpen = vi.fn()
    act(() => render(<OnThisPage store={store} onOpen={onOpen} />, root))
    await act(() => store.load({ id: 7, url }))
    return { store, perms, bg, onOpen }
  }
  const $ = (testId: string) => root.querySelector<HTMLElement>(`[data-testid=${testId}]`)
  const buttons = () => [...root.querySelectorAll<HTMLButtonElement>('.page-actions button')].map((b) => b.textContent)
  const click = (testId: string) => act(() => $(testId)!.click())
  /** Waits for the store's action to end and the view to show it. */
  const done = (store: { busy: { value: unknown } }) => act(() => vi.waitFor(() => expect(store.busy.value).toBeNull()))

  it('should say "Looking…" until both the IDs and the site are known', () => {
    const store = createPageIdsStore(fakeBackground().send as unknown as Send, fakePermissions().api)
    act(() => render(<OnThisPage store={store} onOpen={vi.fn()} />, root))
    expect(root.textContent).toContain('Looking…')
    expect($('on-this-page-empty')).toBeNull()
    expect(buttons()).toEqual([])
  })

  it('should list the IDs on a helpdesk, each opening its detail, with nothing to switch', async () => {
    const { onOpen } = await show('https://acme.zendesk.com/agent/tickets/1', { ids: [INQ] })
    expect(root.querySelector('h2')!.textContent).toBe('On this page (1)')
    const open = root.querySelector<HTMLButtonElement>('[data-testid=page-id] button')!
    expect(open.getAttribute('aria-label')).toBe(`Open Persona inquiry ${INQ.id}`)
    act(() => open.click())
    expect(onOpen).toHaveBeenCalledWith(INQ.id)
    expect(buttons()).toEqual([])
  })

  it('should say plainly that nothing was found on a helpdesk page without IDs', async () => {
    await show('https://acme.zendesk.com/agent/tickets/2')
    expect($('on-this-page-empty')!.textContent).toBe('No verification IDs found on this page.')
    expect(buttons()).toEqual([])
  })

  it('should say inline lookups are not available where no extension may read the page', async () => {
    await show('https://chromewebstore.google.com/detail/abc')
    expect($('on-this-page-restricted')!.textContent).toBe('Not available on this page.')
    expect($('on-this-page-restricted')!.title).toContain('Inline lookups are not available on this page')
    expect($('on-this-page-empty')).toBeNull()
    expect(buttons()).toEqual([])
  })

  it('should offer to find the IDs, or always run, on a site where nothing ran yet; Find fills the list', async () => {
    const { store, bg } = await show(WIKI, { found: [INQ] })
    expect($('on-this-page-off')!.textContent).toBe('IDV Lens only reads wiki.example.test when you ask.')
    expect($('on-this-page-empty')).toBeNull()
    expect(buttons()).toEqual(['Find IDs on this page', 'Always run on wiki.example.test'])
    expect($('find-page-ids')!.className).toContain('primary')
    expect([...root.querySelectorAll('.page-actions button')].every((b) => b.getAttribute('type') === 'button')).toBe(true)

    $('find-page-ids')!.focus()
    click('find-page-ids')
    expect($('find-page-ids')!.textContent).toBe('Finding IDs…')
    await done(store)
    expect(bg.send).toHaveBeenCalledWith('findPageIds', { tabId: 7 })
    expect([...root.querySelectorAll('[data-testid=page-id]')].map((li) => (li as HTMLElement).dataset.id)).toEqual([INQ.id])
    expect(buttons()).toEqual(['Always run on wiki.example.test'])
    // The button that had focus is gone: focus stays in the section, on what can be done next.
    expect(document.activeElement).toBe($('enable-site'))
  })

  it('should show the action under way and keep the others until it ends', async () => {
    const { store, perms, bg } = await show(WIKI)
    let answer!: (granted: boolean) => void
    perms.permissions.request.mockImplementationOnce(() => new Promise<boolean>((resolve) => (answer = resolve)))
    click('enable-site')
    expect(perms.permissions.request).toHaveBeenCalledWith({ origins: ['https://wiki.example.test/*'] })
    expect($('enable-site')!.textContent).toBe('Waiting for Chrome…')
    // Not `disabled`: it keeps its place in the tab order and its focus; a click does nothing.
    expect(($('find-page-ids') as HTMLButtonElement).disabled).toBe(false)
    expect($('find-page-ids')!.getAttribute('aria-disabled')).toBe('true')
    ;($('find-page-ids') as HTMLButtonElement).focus()
    click('find-page-ids')
    expect(document.activeElement).toBe($('find-page-ids'))
    expect(bg.send).not.toHaveBeenCalledWith('findPageIds', expect.anything())
    expect($('on-this-page')!.getAttribute('aria-busy')).toBe('true')
    answer(false)
    await done(store)
    expect(buttons()).toEqual(['Find IDs on this page', 'Always run on wiki.example.test'])
  })

  it('should offer to stop on a site the agent enabled, and offer Find again once stopped', async () => {
    const { store, perms, bg } = await show(WIKI, { granted: [...HELPDESKS, 'https://wiki.example.test/*'], running: true })
    expect(buttons()).toEqual(['Stop on wiki.example.test'])
    click('disable-site')
    await done(store)
    expect(perms.permissions.remove).toHaveBeenCalledWith({ origins: ['https://wiki.example.test/*'] })
    expect(bg.send).toHaveBeenCalledWith('stopInlineLookups', { tabId: 7 })
    expect(buttons()).toEqual(['Find IDs on this page', 'Always run on wiki.example.test'])
  })

  it('should tell the agent, in a live region, when the page cannot be read', async () => {
    const { store } = await show(WIKI, { found: null })
    click('find-page-ids')
    await done(store)
    const notice = $('on-this-page-notice')!
    expect(notice.getAttribute('role')).toBe('status')
    expect(notice.textContent).toBe('IDV Lens could not read this page.')
  })
})
