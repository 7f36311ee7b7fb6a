import { describe, expect, it } from 'vitest'
import { anchorInView } from './in-view.ts'

const viewport = { width: 1000, height: 800 }
/** The conversation pane, as the viewport shows it. */
const pane = { left: 100, top: 70, right: 700, bottom: 370 }
const line = (top: number, left = 150) => ({ left, top, right: left + 200, bottom: top + 18 })

describe('anchorInView', () => {
  it('keeps the text as the anchor when some of it shows in its pane', () => {
    expect(anchorInView(line(200), pane, viewport)).toEqual({ anchor: line(200), seen: true })
    // Cut by the pane's top edge, a few pixels still showing.
    expect(anchorInView(line(60), pane, viewport)).toEqual({ anchor: line(60), seen: true })
  })

  it("puts an ID above what the pane shows at the pane's top edge, and one below at its bottom edge", () => {
    // Above the pane but inside the viewport (over the page's header): the agent does not see it there.
    expect(anchorInView(line(20), pane, viewport)).toEqual({ anchor: { left: 150, top: 70, right: 350, bottom: 70 }, seen: false })
    expect(anchorInView(line(-900), pane, viewport)).toEqual({ anchor: { left: 150, top: 70, right: 350, bottom: 70 }, seen: false })
    expect(anchorInView(line(2000), pane, viewport)).toEqual({ anchor: { left: 150, top: 370, right: 350, bottom: 370 }, seen: false })
  })

  it('keeps the anchor inside the pane sideways too', () => {
    expect(anchorInView(line(-900, 650), pane, viewport).anchor).toEqual({ left: 650, top: 70, right: 700, bottom: 70 })
    expect(anchorInView(line(200, -400), pane, viewport)).toEqual({ anchor: { left: 100, top: 200, right: 100, bottom: 218 }, seen: false })
  })

  it('uses the viewport when nothing of the pane shows', () => {
    expect(anchorInView(line(-900), null, viewport)).toEqual({ anchor: { left: 150, top: 0, right: 350, bottom: 0 }, seen: false })
    expect(anchorInView(line(1200), null, viewport).anchor.top).toBe(800)
  })

  it('counts an empty box (a hidden copy of the ID) as not seen', () => {
    expect(anchorInView({ left: 200, top: 200, right: 200, bottom: 200 }, pane, viewport).seen).toBe(false)
  })
})
