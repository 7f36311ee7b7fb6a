// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { insertReply } from './insert-reply.ts'

const page = (html: string) => (document.body.innerHTML = html)
/** happy-dom lays nothing out: every element gets one box, as a shown one would. */
const shown = () => vi.spyOn(Element.prototype, 'getClientRects').mockReturnValue([{}] as unknown as DOMRectList)
/** happy-dom has no editing commands: `answer` stands for the browser's. */
const execCommand = (answer: boolean) => {
  const exec = vi.fn((_command: string, _ui?: boolean, _value?: string) => answer)
  Object.defineProperty(document, 'execCommand', { configurable: true, value: exec })
  return exec
}

describe('insertReply', () => {
  afterEach(() => page(''))

  it('should find no composer where no selector names an editable element on screen, and write nothing', () => {
    vi.spyOn(Element.prototype, 'getClientRects').mockReturnValue([] as unknown as DOMRectList)
    page('<div id="plain">hello</div><div id="hidden" contenteditable="true"></div>')
    const before = document.body.innerHTML
    expect(insertReply({ selectors: ['#plain', '#absent', '[broken', '#hidden'], text: 'Hi' })).toBe('no-composer')
    expect(document.body.innerHTML).toBe(before)
  })

  it('should append to a textarea through an input event when execCommand is refused, at the end, the rest of the page untouched', () => {
    shown()
    page('<p id="other">inq_1</p><textarea id="box">Dear Dana,\n</textarea>')
    const inputs: string[] = []
    document.getElementById('box')!.addEventListener('input', (e) => inputs.push((e as InputEvent).inputType))
    execCommand(false)
    expect(insertReply({ selectors: ['#box'], text: 'Your new link' })).toBe('inserted')
    expect((document.getElementById('box') as HTMLTextAreaElement).value).toBe('Dear Dana,\nYour new link')
    expect(inputs).toEqual(['insertText'])
    expect(document.getElementById('other')!.outerHTML).toBe('<p id="other">inq_1</p>')
  })

  it('should hand a rich editor the text through execCommand("insertText") at the end of the box, and report a refusal', () => {
    shown()
    page('<div id="box" contenteditable="true"><p>Dear Dana,</p></div>')
    execCommand(true)
    expect(insertReply({ selectors: ['#box'], text: 'Your new link' })).toBe('inserted')
    expect(vi.mocked(document.execCommand)).toHaveBeenCalledWith('insertText', false, 'Your new link')
    expect(document.activeElement?.id).toBe('box')
    execCommand(false)
    expect(insertReply({ selectors: ['#box'], text: 'Your new link' })).toBe('refused')
  })
})
