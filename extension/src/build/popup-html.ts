/**
 * popup.html as built, rewritten so that nothing competes with its first paint (popup-first-paint.js, a
 * classic script in the body): each stylesheet is inlined as a <style> in its place, since a classic
 * script waits for every stylesheet above it. All the page would fetch (the module script, its
 * modulepreloads, the inlined sheets' links, which Vite's preload helper looks for) leaves it, even a
 * disabled link, which the preload scanner fetches too: the first paint script adds them once it has
 * painted (`data-app-module`, `data-app-preload`, `data-app-styles`).
 */

type Css = (href: string) => string | undefined

const STYLESHEET = /<link\b[^>]*\brel="stylesheet"[^>]*>/g
const MODULE_TAGS = /\s*(?:<script\b[^>]*\btype="module"[^>]*><\/script>|<link\b[^>]*\brel="modulepreload"[^>]*>)/g
/** The first paint's script, as popup/index.html marks it. */
const STARTER = /\sdata-starts-app(?:="")?(?=[\s>])/
const href = (tag: string) => /\b(?:href|src)="([^"]+)"/.exec(tag)?.[1]

export function popupHtml(html: string, css: Css): string {
  if (!STARTER.test(html)) throw new Error('popup.html has no script marked data-starts-app to start the app after the first paint')
  const inlined: string[] = []
  let appModule = ''
  const preloads: string[] = []
  return html
    .replace(STYLESHEET, (tag) => {
      const source = css(href(tag) ?? '')
      // A stylesheet the build did not emit, one that would close the <style> early, or one with URLs
      // (resolved against the stylesheet's address in a file, against the page's inline) stays a link.
      if (source === undefined || /<\/style|url\(|@import/i.test(source)) return tag
      inlined.push(href(tag) ?? '')
      return `<style>${source}</style>`
    })
    .replace(MODULE_TAGS, (tag) => {
      if (tag.includes('<script')) appModule = href(tag) ?? ''
      else preloads.push(href(tag) ?? '')
      return ''
    })
    .replace(
      STARTER,
      () => ` data-app-module="${appModule}" data-app-preload="${preloads.join(' ')}" data-app-styles="${inlined.join(' ')}"`,
    )
}

type Asset = { type: string; source?: string | Uint8Array }

/** The Vite plugin: popup.html only (the side panel and options keep Vite's own HTML). */
export const popupHtmlPlugin = () => ({
  name: 'idv-lens-popup-html',
  transformIndexHtml: {
    order: 'post' as const,
    handler(html: string, ctx: { filename: string; bundle?: Record<string, Asset> }): string {
      if (!ctx.filename.replaceAll('\\', '/').endsWith('/entrypoints/popup/index.html') || !ctx.bundle) return html
      const bundle = ctx.bundle
      return popupHtml(html, (path) => {
        const asset = bundle[path.replace(/^\//, '')]
        if (asset?.type !== 'asset' || asset.source === undefined) return undefined
        return typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source)
      })
    },
  },
})
