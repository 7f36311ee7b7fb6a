// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { WATCHED_ATTRIBUTES, planMutations } from './page-watcher.ts'

/** Runs `change` and returns the plan for the mutation records it caused. */
async function planFor(change: () => void) {
  const records: MutationRecord[] = []
  const observer = new MutationObserver((batch) => records.push(...batch))
  observer.observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  })
  change()
  await new Promise((resolve) => setTimeout(resolve, 0))
  records.push(...observer.takeRecords())
  observer.disconnect()
  return planMutations(records, document)
}

beforeEach(() => {
  document.body.innerHTML = '<main id="thread"><article id="first"><p id="p">Hello <b id="b">there</b></p></article></main>'
})

const byId = (id: string) => document.getElementById(id)!

describe('planMutations', () => {
  it('should scan only a new reply, not the thread it joined', async () => {
    const reply = document.createElement('article')
    reply.innerHTML = '<p>new reply</p>'
    const plan = await planFor(() => byId('thread').append(reply))
    expect(plan.roots).toEqual([reply])
  })

  it('should rescan the block around new inline content, which may join the text next to it', async () => {
    const plan = await planFor(() => byId('b').append(document.createTextNode('!')))
    expect(plan.roots).toEqual([byId('p')])
  })

  it('should rescan the block around edited text', async () => {
    const plan = await planFor(() => ((byId('b').firstChild as Text).data = 'changed'))
    expect(plan.roots).toEqual([byId('p')])
  })

  it('should reset an element whose link target or editability changed', async () => {
    const plan = await planFor(() => byId('first').setAttribute('contenteditable', 'true'))
    expect(plan.reset).toEqual([byId('first')])
    expect(plan.roots).toEqual([byId('first')])
  })

  it('should say when nodes left the page', async () => {
    const plan = await planFor(() => byId('first').remove())
    expect(plan.removed).toBe(true)
    expect(plan.roots).toEqual([])
  })

  it('should list text that left the page by itself, so its marks go without checking every node held (a ticking clock)', async () => {
    const old = byId('b').firstChild!
    const plan = await planFor(() => (byId('b').textContent = 'later'))
    expect(plan.removedText).toEqual([old])
    expect(plan.removed).toBe(false)
    expect(plan.roots).toEqual([byId('p')])
    // An element leaving is not plain text: every node held is checked.
    const gone = await planFor(() => byId('b').remove())
    expect(gone.removed).toBe(true)
  })

  it('should scan loose text added straight into the body by itself, not the whole page', async () => {
    const text = document.createTextNode('loose')
    const plan = await planFor(() => document.body.append(text))
    expect(plan.roots).toEqual([text])
  })

  it('should ignore our own UI and changes outside the body', async () => {
    const plan = await planFor(() => {
      document.documentElement.append(document.createElement('idv-lens-ui'))
      document.head.append(document.createElement('style'))
    })
    expect(plan.roots).toEqual([])
  })

  it('should scan the new body and drop the old marks when the page replaces its <html> (document.open()/write())', async () => {
    const old = document.documentElement
    const records: MutationRecord[] = []
    const observer = new MutationObserver((batch) => records.push(...batch))
    // Observed as the follower does: the document itself, so the new <html> is seen too.
    observer.observe(document, { childList: true, subtree: true, characterData: true })
    const html = document.createElement('html')
    html.innerHTML = '<head></head><body><p>new message</p></body>'
    old.remove()
    document.append(html)
    await new Promise((resolve) => setTimeout(resolve, 0))
    records.push(...observer.takeRecords())
    observer.disconnect()
    const plan = planMutations(records, document)
    html.remove()
    document.append(old)
    expect(plan.roots).toEqual([html.querySelector('body')])
    expect(plan.removed).toBe(true)
  })

  it('should keep only the outermost of nested roots', async () => {
    const plan = await planFor(() => {
      ;(byId('b').firstChild as Text).data = 'a'
      byId('first').append(document.createElement('div'))
      byId('thread').append(Object.assign(document.createElement('section'), { innerHTML: '<p>x</p>' }))
    })
    expect(plan.roots.map((n) => (n as Element).id || (n as Element).localName)).toEqual(['p', 'div', 'section'])
  })

  it('should plan changes inside an open shadow root it is told of, around the changed block', async () => {
    const host = byId('first').appendChild(document.createElement('email-view'))
    const shadow = host.attachShadow({ mode: 'open' })
    shadow.innerHTML = '<section><p id="in">old text</p></section>'
    const records: MutationRecord[] = []
    const observer = new MutationObserver((batch) => records.push(...batch))
    observer.observe(shadow, { childList: true, subtree: true, characterData: true })
    ;(shadow.getElementById('in')!.firstChild as Text).data = 'new text'
    await new Promise((resolve) => setTimeout(resolve, 0))
    records.push(...observer.takeRecords())
    observer.disconnect()
    expect(planMutations(records, document).roots).toEqual([shadow.getElementById('in')])
  })

  it('should say when an iframe left the page, also inside a removed subtree', async () => {
    byId('first').insertAdjacentHTML('beforeend', '<div id="wrap"><iframe></iframe></div><p id="plain">x</p>')
    expect((await planFor(() => byId('plain').remove())).removedFrame).toBe(false)
    expect((await planFor(() => byId('wrap').remove())).removedFrame).toBe(true)
  })
})
