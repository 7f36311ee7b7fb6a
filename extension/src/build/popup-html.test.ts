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
    <script src="/popup-first-paint.js"></script>
    <div id="app"></div>
  </body>
</html>`

const CSS: Record<string, string> = { '/assets/shared-C.css': '.row{color:red}', '/assets/popup-D.css': '.popup{width:400px}' }
const head = (html: string) => html.slice(0, html.indexOf('</head>'))
const beforeFirstPaint = (html: string) => html.slice(0, html.indexOf('/popup-first-paint.js'))

describe('popup.html as built', () => {
  it('fetches nothing before the first paint script: the stylesheets are inline in their order, the module tags after it', () => {
    const html = popupHtml(BUILT, (href) => CSS[href])
    expect(beforeFirstPaint(html)).not.toMatch(/<link|type="module"/)
    expect(head(html)).toContain('<style>.row{color:red}</style>')
    expect(head(html).indexOf('.row{')).toBeLessThan(head(html).indexOf('.popup{'))
    const tail = html.slice(html.indexOf('/popup-first-paint.js'))
    expect(tail).toContain('<script type="module" crossorigin src="/chunks/popup-A.js"></script>')
    expect(tail).toContain('<link rel="modulepreload" crossorigin href="/chunks/shared-B.js">')
    expect(tail.indexOf('chunks/popup-A.js')).toBeLessThan(tail.indexOf('chunks/shared-B.js'))
  })

  it("keeps each inlined stylesheet's link, disabled, so a lazy chunk's preload does not load it again", () => {
    const html = popupHtml(BUILT, (href) => CSS[href])
    expect(html.slice(html.indexOf('</head>'))).toContain('<link rel="stylesheet" crossorigin href="/assets/shared-C.css" disabled>')
    expect(html.match(/rel="stylesheet"/g)).toHaveLength(2)
    expect(html.match(/rel="stylesheet"[^>]*disabled>/g)).toHaveLength(2)
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
