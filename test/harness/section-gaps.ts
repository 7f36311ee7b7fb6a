import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** One detail section's spacing in whole px: `heading` from its title to its body, `after` from its body to the next section's title. */
export type SectionGap = { section: string; heading: number; after: number | null }

/**
 * The spacing of every section of the open detail, top to bottom, measured on the boxes laid out
 * (what an agent sees): a body is the section's children under its title, in flow and drawn (a
 * screen reader's 1 px text is left out). A paragraph's own margin shows here as a larger gap.
 */
export function sectionGaps(page: Page): Promise<SectionGap[]> {
  return page.locator('[data-testid="detail"]').evaluate((detail) => {
    const drawn = (el: Element) => {
      const style = getComputedStyle(el)
      return style.position !== 'absolute' && style.position !== 'fixed' && el.getBoundingClientRect().height > 0
    }
    const boxes = [...detail.querySelectorAll('section.detail-section')].filter(drawn).map((section) => {
      const title = section.querySelector(':scope > h3')!.getBoundingClientRect()
      const body = [...section.children].filter((el) => el.tagName !== 'H3' && drawn(el)).map((el) => el.getBoundingClientRect())
      return {
        section: section.getAttribute('data-testid') ?? '',
        title,
        top: Math.min(...body.map((r) => r.top)),
        bottom: Math.max(...body.map((r) => r.bottom)),
      }
    })
    return boxes.map((box, i) => {
      const next = boxes[i + 1]
      return {
        section: box.section,
        heading: Math.round(box.top - box.title.bottom),
        after: next ? Math.round(next.title.top - box.bottom) : null,
      }
    })
  })
}

/** The distinct gaps of `gaps` (between consecutive sections, and under each title): one of each when the spacing is uniform. */
export function distinctGaps(gaps: SectionGap[]): { between: number[]; heading: number[] } {
  const distinct = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))].sort((a, b) => a - b)
  return { between: distinct(gaps.map((g) => g.after)), heading: distinct(gaps.map((g) => g.heading)) }
}

/** What `distinctGaps` gives for a uniform detail: one gap between sections, one under every title. */
export const ONE_GAP_EACH = { between: [expect.any(Number)], heading: [expect.any(Number)] }
