import { describe, expect, it } from 'vitest'
import { popupHtml } from './popup-html.ts'

// The shape Vite emits for popup.html (entrypoints/popup/index.html) in a production build.
const BUILT = `<!DOCTYPE html>
<html lang="en">
  <head>
    <title>IDV Lens</title>
    <script type="module" crossorigin src="/chunks/popup-A.js"></script>
    <link rel="modulepreload" crossorigin href="/chunks/shared-B.js">
    <link rel="stylesheet" crossorigin href="/assets/shared-C.css">
    <link rel="stylesheet" crossorigin href="/assets/popup-D.css">
  </head>
  <body>
    <div id="first-paint"></div>
    <div id="app"></div>
    <script src="/popup-first-paint.js" data-starts-app></script>
  </body>
</html>`

const CSS: Record<string, string> = { '/assets/shared-C.css': '.row{color:red}', '/assets/popup-D.css': '.popup{width:400px}' }
const head = (html: string) => html.slice(0, html.indexOf('</head>'))
const beforeFirstPaint = (html: string) => html.slice(0, html.indexOf('/popup-first-paint.js'))

describe('popup.html as built', () => {
  it('fetches nothing before the first paint script: the stylesheets are inline in their order, the module tags gone from the page', () => {
    const html = popupHtml(BUILT, (href) => CSS[href])
    expect(beforeFirstPaint(html)).not.toMatch(/<link|type="module"/)
    expect(head(html)).toContain('<style>.row{color:red}</style>')
    expect(head(html).indexOf('.row{')).toBeLessThan(head(html).indexOf('.popup{'))
    // Not even after it: the browser's preload scanner fetches what it finds ahead of a script it waits for.
    expect(html).not.toMatch(/type="module"|rel="modulepreload"/)
  })

  it('names the app module, its preloads and the inlined sheets on the first paint script, which starts them once it has painted', () => {
    const html = popupHtml(BUILT, (href) => CSS[href])
    expect(html).toContain(
      '<script src="/popup-first-paint.js" data-app-module="/chunks/popup-A.js" data-app-preload="/chunks/shared-B.js" data-app-styles="/assets/shared-C.css /assets/popup-D.css"></script>',
    )
    expect(() => popupHtml(BUILT.replace(' data-starts-app', ''), (href) => CSS[href])).toThrow(/data-starts-app/)
  })

  it("keeps no link of an inlined stylesheet in the page: the preload scanner fetches a disabled one too, beside the first paint's script", () => {
    const html = popupHtml(BUILT, (href) => CSS[href])
    expect(html).not.toMatch(/<link/)
  })

  it('leaves a stylesheet it cannot inline as a link', () => {
    const html = popupHtml(BUILT, (href) => (href === '/assets/popup-D.css' ? undefined : '</style><script>'))
    const withUrl = popupHtml(BUILT, (href) => (href === '/assets/popup-D.css' ? '.a{background:url(x.png)}' : '@import "y.css";'))
    expect(withUrl).not.toContain('<style>')
    expect(head(html)).toContain('<link rel="stylesheet" crossorigin href="/assets/shared-C.css">')
    expect(head(html)).toContain('<link rel="stylesheet" crossorigin href="/assets/popup-D.css">')
    expect(html).not.toContain('<style>')
  })
})
