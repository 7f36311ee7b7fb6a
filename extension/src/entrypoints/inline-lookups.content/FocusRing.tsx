import type { Box } from '../../content/marks/clip-boxes.ts'

/** A ring around the text of the ID picked in the list (one box per line), drawn in our shadow root over the page. */
export function FocusRing({ boxes }: { boxes: Box[] }) {
  if (boxes.length === 0) return null
  return (
    <>
      {boxes.map((b, i) => (
        <div
          key={i}
          class="ring"
          aria-hidden="true"
          style={{
            left: `${b.left - 2}px`,
            top: `${b.top - 2}px`,
            width: `${b.right - b.left + 4}px`,
            height: `${b.bottom - b.top + 4}px`,
          }}
        />
      ))}
    </>
  )
}
