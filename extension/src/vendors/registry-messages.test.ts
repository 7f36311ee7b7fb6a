import { fileURLToPath } from 'node:url'
import { ID_PATTERNS } from '@idv-lens/shared/ids'
import { describe, expect, it } from 'vitest'
import { localeCatalogs } from '../build/vendor-locales.ts'
import { TAB_LISTS } from './index.ts'

/*
The messages the UI finds by a shown list's key or an ID kind (ListView.tsx, kind-label.ts, LookupCard.tsx):
no type check asks for them, so a new vendor's missing one would show its key on screen.
*/
// The catalogues as built: public/_locales with each vendor folder's words.
const catalogs = localeCatalogs(fileURLToPath(new URL('../../', import.meta.url)))
const languages = Object.keys(catalogs)
const catalog = (lang: string) => catalogs[lang]!

const snake = (kind: string) => kind.replace(/-/g, '_')
const wanted = [
  ...TAB_LISTS.flatMap((list) => [`listEmpty_${list.key}`, `listNoMatch_${list.key}`, `list_${list.key}`, list.tab!]),
  ...ID_PATTERNS.flatMap((p) => [`kind_${snake(p.kind)}`, `cardNotFound_${snake(p.kind)}`]),
]

describe("the registry's messages", () => {
  it('reads the lists and the ID kinds (the list is not empty)', () => {
    expect(wanted.length).toBeGreaterThan(20)
  })

  it.each(languages)("has every list's and ID kind's words in %s", (lang) => {
    const messages = catalog(lang)
    expect(wanted.filter((key) => !(key in messages))).toEqual([])
  })
})
