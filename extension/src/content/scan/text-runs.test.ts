// @vitest-environment happy-dom
import { dashboardUrl, ID_EXAMPLES, ID_PATTERNS } from '@idv-lens/shared/ids'
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { blockAround, isInsideSkipped, walkTextRuns, type WalkItem } from './text-runs.ts'

const INQ = 'inq_zEx4jL84ShbUyuwX6AzPSqt6'
const DASHBOARD = `https://app.withpersona.com/dashboard/inquiries/${INQ}`

function collect(root: Node, nodesPerPause?: number, readLeaf?: (block: Element) => boolean) {
  const runs: string[] = []
  const links: string[] = []
  const shadows: ShadowRoot[] = []
  let pauses = 0
  const walk = walkTextRuns(root, { nodesPerPause, readLeaf })
  let step = walk.next()
  for (; !step.done; step = walk.next()) {
    const item: WalkItem = step.value
    if (item === 'pause') pauses++
    else if ('run' in item) {
      runs.push(item.run.text)
      links.push(...item.run.links.map((l) => l.ref.id))
    } else if ('shadow' in item) shadows.push(item.shadow)
    else links.push(item.link.ref.id)
  }
  return { runs, links, shadows, pauses, completed: step.value }
}

beforeEach(() => {
  document.body.innerHTML = ''
})

describe('walkTextRuns', () => {
  it('should hand over open shadow roots to be walked as roots of their own, and never closed ones', () => {
    document.body.innerHTML = `<p>before</p><ticket-body></ticket-body><secret-box></secret-box><p>after</p>`
    const open = document.querySelector('ticket-body')!.attachShadow({ mode: 'open' })
    open.innerHTML = `<p>${INQ}</p>`
    document.querySelector('secret-box')!.attachShadow({ mode: 'closed' }).innerHTML = '<p>closed</p>'
    const { runs, shadows } = collect(document.body)
    expect(runs).toEqual(['before', 'after'])
    expect(shadows).toEqual([open])
    expect(collect(open).runs).toEqual([INQ])
    // Walked from the host itself (a component appended as one node): its own shadow root first.
    expect(collect(document.querySelector('ticket-body')!).shadows).toEqual([open])
  })

  it('should skip form controls, editors, code that is not text, hidden parts and our own UI', () => {
    document.body.innerHTML = `
      <p>visible</p>
      <input value="in input">
      <textarea>in textarea</textarea>
      <select><option>in option</option></select>
      <div contenteditable="true"><p>in editor</p></div>
      <div contenteditable=""><p>in empty-attribute editor</p></div>
      <div contenteditable="plaintext-only">in plaintext editor</div>
      <div role="textbox">in custom textbox</div>
      <script>var inScript = 1</script>
      <style>.in-style {}</style>
      <noscript>in noscript</noscript>
      <template><p>in template</p></template>
      <div hidden>in hidden</div>
      <idv-lens-ui>in our UI</idv-lens-ui>
      <p>also visible</p>`
    const { runs } = collect(document.body)
    expect(runs.map((r) => r.trim()).filter(Boolean)).toEqual(['visible', 'also visible'])
  })

  it('should read text inside contenteditable="false" islands only when they are not inside an editor', () => {
    document.body.innerHTML =
      '<div contenteditable="false">read me</div><div contenteditable><span contenteditable="false">not me</span></div>'
    expect(collect(document.body).runs).toEqual(['read me'])
  })

  it('should count text in code and pre blocks', () => {
    document.body.innerHTML = `<pre><code>{"id": "${INQ}"}</code></pre><p>Run <code>${INQ}</code> again</p>`
    expect(collect(document.body).runs).toEqual([`{"id": "${INQ}"}`, `Run ${INQ} again`])
  })

  it('should join text across inline elements, so an ID split by markup is one string', () => {
    document.body.innerHTML = '<p>See <b>inq_zEx4jL84</b><wbr><i>ShbUyuwX6AzPSqt6</i> now</p>'
    expect(collect(document.body).runs).toEqual([`See ${INQ} now`])
  })

  it('should end a run at block elements, line breaks and images, so unrelated text is never glued into an ID', () => {
    document.body.innerHTML =
      '<div>inq_zEx4jL84<div>inner</div>ShbUyuwX6AzPSqt6</div><p>a<br>b</p><p>c<img alt="">d</p><ul><li>e</li><li>f</li></ul>'
    expect(collect(document.body).runs).toEqual(['inq_zEx4jL84', 'inner', 'ShbUyuwX6AzPSqt6', 'a', 'b', 'c', 'd', 'e', 'f'])
  })

  it('should report dashboard links by their href, whatever their text says', () => {
    document.body.innerHTML = `
      <a href="${DASHBOARD}">View inquiry</a>
      <a href="https://app.deepidv.com/sessions/a1b2c3d4-e5f6-7890-abcd-ef1234567890">session</a>
      <a href="https://example.com/dashboard/inquiries/${INQ}">look-alike host</a>
      <a href="/relative/${INQ}">relative</a>`
    expect(collect(document.body).links).toEqual([INQ, 'a1b2c3d4-e5f6-7890-abcd-ef1234567890'])
  })

  it('should keep a link with the run of its text, at its place in it, and report text-less links alone', () => {
    document.body.innerHTML = `<p>Before <a href="${DASHBOARD}">View</a> after</p><p><a href="${DASHBOARD}"><img alt=""></a></p>`
    const walk = walkTextRuns(document.body)
    const items = [...walk].filter((i): i is Exclude<WalkItem, 'pause'> => i !== 'pause')
    expect(items).toHaveLength(2)
    const [first, second] = items
    expect(first && 'run' in first && first.run.links.map((l) => l.at)).toEqual([7])
    expect(second && 'link' in second && second.link.ref.id).toBe(INQ)
  })

  it('should pause every few hundred nodes so the caller can check its time budget', () => {
    document.body.innerHTML = '<p>x</p>'.repeat(500)
    const { runs, pauses } = collect(document.body, 100)
    expect(runs).toHaveLength(500)
    expect(pauses).toBe(10)
  })

  it('should offer the blocks inside the root to be read whole, and go through the nodes only of those it declines', () => {
    document.body.innerHTML = `<div id="root"><p id="a">plain <b>bold</b></p><div id="b">${INQ}</div><p id="c">read whole</p><span id="d">inline</span><br></div>`
    const offered: string[] = []
    const root = document.getElementById('root')!
    const { runs } = collect(root, undefined, (block) => {
      offered.push(block.id || block.localName)
      return block.id === 'c'
    })
    // Inline elements are never offered (their text joins the run around them), nor the root itself.
    expect(offered).toEqual(['a', 'b', 'c', 'br'])
    expect(runs).toEqual(['plain bold', INQ, 'inline'])
  })

  it('should scan a single text node given as the root', () => {
    document.body.innerHTML = `<p>before ${INQ}</p>`
    expect(collect(document.body.firstChild!.firstChild!).runs).toEqual([`before ${INQ}`])
  })

  it('should stop and say so when the page removed the node it was at', () => {
    document.body.innerHTML = '<div id="a"><p>one</p><p>two</p></div><p>three</p>'
    const root = document.body
    const walk = walkTextRuns(root, { nodesPerPause: 1 })
    walk.next() // paused on the first node
    document.getElementById('a')!.remove()
    let step = walk.next()
    while (!step.done) step = walk.next()
    expect(step.value).toBe(false)
  })

  it('should stop and say so when the page removed the block whose run it had just handed over', () => {
    document.body.innerHTML = '<div id="a"><p>one</p></div><p>two</p>'
    const walk = walkTextRuns(document.body)
    const first = walk.next()
    // Handed over as the walk leaves <p>one</p>: it stands there while the caller holds the run.
    expect(first.value !== 'pause' && typeof first.value === 'object' && 'run' in first.value && first.value.run.text).toBe('one')
    document.getElementById('a')!.remove()
    let step = walk.next()
    while (!step.done) step = walk.next()
    expect(step.value).toBe(false)
  })

  it('should ask whether it still stands inside the root only once the page may have run', () => {
    document.body.innerHTML = '<div id="a"><p>one</p><p>two</p></div><p>three</p>'
    const root = document.body
    const contains = vi.spyOn(root, 'contains')
    onTestFinished(() => contains.mockRestore())
    let turn = 0
    const walk = walkTextRuns(root, { nodesPerPause: 1, turn: () => turn })
    walk.next()
    walk.next()
    expect(contains).not.toHaveBeenCalled()

    turn++
    document.getElementById('a')!.remove()
    let step = walk.next()
    while (!step.done) step = walk.next()
    expect(step.value).toBe(false)
    expect(contains).toHaveBeenCalledTimes(1)
  })
})

describe('isInsideSkipped', () => {
  it('should see editors and form controls above a node', () => {
    document.body.innerHTML = '<div contenteditable><p><b id="in">x</b></p></div><p id="out">y</p>'
    expect(isInsideSkipped(document.getElementById('in')!.firstChild!)).toBe(true)
    expect(isInsideSkipped(document.getElementById('out')!.firstChild!)).toBe(false)
  })
})

describe('blockAround', () => {
  it('should give the nearest block, or the node itself when that block is the body', () => {
    document.body.innerHTML = '<div id="d"><p id="p">a <b id="b">b</b></p></div>text at body level'
    expect(blockAround(document.getElementById('b')!.firstChild!)).toBe(document.getElementById('p'))
    expect(blockAround(document.getElementById('d')!)).toBe(document.getElementById('d'))
    const loose = document.body.lastChild!
    expect(blockAround(loose)).toBe(loose)
  })
})
