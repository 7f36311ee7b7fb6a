/*
How a mark looks: a translucent tint and a dashed underline (telling a mark from a link, which is
solid), in the page's own scheme where the marks are. The controls put this style into the marks'
root (the eager script carries none: nothing is painted before them). On a light background the
underline is a mid blue, on a dark one a light blue: each at least 4:1 against the helpdesk themes'
panes (mark-contrast.test.ts). The tint is light enough that the page's text reads through it.
*/
export const MARK_STYLE = 'background-color: rgb(64 110 230 / 0.12); border-bottom: 2px dashed rgb(64 110 230);'
export const MARK_STYLE_DARK = 'background-color: rgb(122 162 255 / 0.16); border-bottom: 2px dashed rgb(122 162 255);'

/** The marks' colours, by the scheme on their container (`data-scheme`, see markScheme). */
export const MARK_CSS = `b{${MARK_STYLE}}[data-scheme=dark] b{${MARK_STYLE_DARK}}`
