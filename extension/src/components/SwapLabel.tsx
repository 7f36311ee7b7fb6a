import type { ComponentChild } from 'preact'

/**
 * A button's label that changes for a moment ("Copied") without changing the button's width: both
 * labels share one grid cell and the one not shown is hidden (to readers too). A neighbour that
 * moved when the label changed could take a click aimed at it.
 */
export function SwapLabel({ label, swap, swapped }: { label: ComponentChild; swap: ComponentChild; swapped: boolean }) {
  return (
    <span class="swap-label">
      <span class={swapped ? 'swap-off' : 'swap-on'}>{label}</span>
      <span class={swapped ? 'swap-on' : 'swap-off'}>{swap}</span>
    </span>
  )
}
