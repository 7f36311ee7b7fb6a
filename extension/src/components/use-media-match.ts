import { useEffect, useState } from 'preact/hooks'

/** Whether the window matches a media `query` now, kept as it resizes (from the first render: no shift). */
export function useMediaMatch(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches)
  useEffect(() => {
    const list = matchMedia(query)
    const update = () => setMatches(list.matches)
    update()
    list.addEventListener('change', update)
    return () => list.removeEventListener('change', update)
  }, [query])
  return matches
}
