import ts from 'typescript'

/**
 * Finds user-visible text in UI code that does not go through i18n (lib/i18n.ts): JSX text with a
 * letter; string literals in attributes people read or hear (title, aria-label, placeholder, alt, …),
 * in props our components render as text (label, hint, text) and in JSX child expressions; and anywhere,
 * a literal that reads like a sentence (three words or more) unless it is a message key's argument, an
 * Error's message or a log line. Technical strings pass: IDs, event names, URLs, text without letters.
 */
export type Finding = { file: string; line: number; text: string; why: string }

const READ_ATTRIBUTES = new Set([
  'title',
  'alt',
  'placeholder',
  'label',
  'hint',
  'text',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'aria-placeholder',
])
/**
 * Calls whose string arguments are not shown to the agent as they are (createDocument, offscreenPage: an
 * offscreen document's justification is for the browser, never on screen).
 */
const EXEMPT_CALLS = new Set([
  't',
  'tn',
  'createDocument',
  'offscreenPage',
  'abort',
  'Error',
  'TypeError',
  'RangeError',
  'DOMException',
  'super',
  'log',
  'warn',
  'error',
  'info',
  'debug',
  'querySelector',
  'querySelectorAll',
  'closest',
  'matches',
  'getElementById',
  'setAttribute',
  'getAttribute',
  'createElement',
  'addEventListener',
  'removeEventListener',
  'dispatchEvent',
])

const hasLetter = (s: string) => /\p{L}/u.test(s)
/** One token that is technical: an identifier with `_`, `.`, `-`, `:` or `/` in it, an ID prefix, a URL, punctuation. */
const technicalToken = (token: string) =>
  !hasLetter(token) || /^[a-z][a-z0-9]*[_.\-:/][\p{L}0-9_.\-:/…*]*$/u.test(token) || /^https?:\/\//.test(token) || /^[a-z]+_…?$/.test(token)
export const isTechnical = (s: string) => s.trim().split(/\s+/).every(technicalToken)
/** Three plain words or more ("Could not save."), not class lists, CSS, selectors or query keys. */
const readsLikeProse = (s: string) => s.split(/\s+/).filter((w) => /^[\p{L}][\p{L}'’]*[.,:;!?…]?$/u.test(w)).length >= 3

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ')
  return null
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression
  if (ts.isIdentifier(e)) return e.text
  if (ts.isPropertyAccessExpression(e)) return e.name.text
  if (e.kind === ts.SyntaxKind.SuperKeyword) return 'super'
  return ''
}

/** Inside the arguments of a call whose strings are not shown (t('key'), new Error('…'), console.log), or thrown. */
function inExemptCall(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isThrowStatement(n)) return true
    if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments?.some((a) => a.pos <= node.pos && node.end <= a.end)) {
      if (EXEMPT_CALLS.has(calleeName(n))) return true
    }
    if (ts.isJsxAttribute(n) || ts.isJsxExpression(n) || ts.isBlock(n)) break
  }
  return false
}

/** The literals an expression can evaluate to without a call (conditions, ??, ||, parentheses). */
function renderedLiterals(expr: ts.Expression): ts.Node[] {
  if (literalText(expr) !== null) return [expr]
  if (ts.isParenthesizedExpression(expr)) return renderedLiterals(expr.expression)
  if (ts.isConditionalExpression(expr)) return [...renderedLiterals(expr.whenTrue), ...renderedLiterals(expr.whenFalse)]
  if (
    ts.isBinaryExpression(expr) &&
    [
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.AmpersandAmpersandToken,
      ts.SyntaxKind.PlusToken,
    ].includes(expr.operatorToken.kind)
  ) {
    return [...renderedLiterals(expr.left), ...renderedLiterals(expr.right)]
  }
  return []
}

export function scanSource(file: string, source: string): Finding[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind)
  const findings: Finding[] = []
  const seen = new Set<number>()
  const report = (node: ts.Node, text: string, why: string) => {
    if (seen.has(node.pos)) return
    seen.add(node.pos)
    findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim(), why })
  }
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetter(node.text) && !isTechnical(node.text)) report(node, node.text, 'JSX text')
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer
      const values = ts.isJsxExpression(init) ? (init.expression ? renderedLiterals(init.expression) : []) : [init]
      for (const v of values) {
        const text = literalText(v)
        if (text !== null && hasLetter(text) && !isTechnical(text)) report(v, text, `${node.name.getText(sf)}=`)
      }
    }
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const v of renderedLiterals(node.expression)) {
        const text = literalText(v)
        if (text !== null && hasLetter(text) && !isTechnical(text)) report(v, text, 'JSX child')
      }
    }
    const text = literalText(node)
    if (text !== null && readsLikeProse(text) && !ts.isImportDeclaration(node.parent) && !inExemptCall(node)) report(node, text, 'sentence')
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return findings
}
