/**
 * A button's word ("Copy ID") in a box as wide as the words it changes to for a moment ("Copied"),
 * so the controls beside it stay put. The other words are hidden pseudo-elements (style.css): not
 * text of the button, not read out.
 */
export function WideAs({ text, also }: { text: string; also: readonly [string, string] }) {
  return (
    <span class="wide-as" data-a={also[0]} data-b={also[1]}>
      <span>{text}</span>
    </span>
  )
}
