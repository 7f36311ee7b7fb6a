/** Vite's `?raw` suffix: a file's text, for the tests that read the vendored specs. */
declare module '*?raw' {
  const text: string
  export default text
}
