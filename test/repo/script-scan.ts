import ts from 'typescript'

/** A function-like node: its key (`path name`), first line (1-based), lines, positional parameters, and whether it has a body. */
export type ScannedFunction = { key: string; line: number; lines: number; parameters: number; hasBody: boolean }

/** What the repo rules read of a script: every comment range, the doc comments nothing follows, its functions. */
export type ScriptScan = {
  /** Leading and trailing comment ranges of every node and token, one per position, in the order found. */
  comments: ts.CommentRange[]
  /** Start of each `/** … *\/` comment, and of each last comment before a node (or token) other than a closing one. */
  docs: Set<number>
  attached: Set<number>
  functions: ScannedFunction[]
}

/** Tokens that end a list or a block: a doc comment just before one documents nothing. */
const CLOSING = new Set([
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.EndOfFileToken,
  ts.SyntaxKind.CommaToken,
  ts.SyntaxKind.SemicolonToken,
])

const kindOf = (path: string) =>
  path.endsWith('x') ? ts.ScriptKind.TSX : path.endsWith('.ts') || path.endsWith('.mts') ? ts.ScriptKind.TS : ts.ScriptKind.JS

/** The name a reader finds a function by: its own, or the variable, property or call it is given to. */
function nameOf(fn: ts.SignatureDeclaration, file: ts.SourceFile): string {
  if (fn.name) return fn.name.getText(file)
  const parent = fn.parent
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertySignature(parent) ||
    ts.isTypeAliasDeclaration(parent)
  )
    return parent.name.getText(file)
  if (ts.isCallExpression(parent)) return `${parent.expression.getText(file)} callback`
  if (ts.isExportAssignment(parent)) return 'default'
  return 'anonymous'
}

/** Every function-like node (declarations, expressions, arrows, methods, accessors, signatures, function types). */
function functionsOf(path: string, file: ts.SourceFile): ScannedFunction[] {
  const found: ScannedFunction[] = []
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node)) {
      const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line
      const last = file.getLineAndCharacterOfPosition(node.getEnd()).line
      const hasBody = 'body' in node && !!node.body
      found.push({
        key: `${path} ${nameOf(node, file)}`,
        line: first + 1,
        lines: last - first + 1,
        parameters: node.parameters.length,
        hasBody,
      })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return found
}

/** One walk over every node and token (getChildren), collecting the comments around each. */
function commentsOf(text: string, file: ts.SourceFile): Omit<ScriptScan, 'functions'> {
  const ranges = new Map<number, ts.CommentRange>()
  const docs = new Set<number>()
  const attached = new Set<number>()
  const visit = (node: ts.Node) => {
    const leading = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []
    for (const range of [...leading, ...(ts.getTrailingCommentRanges(text, node.getEnd()) ?? [])]) ranges.set(range.pos, range)
    for (const range of leading) if (/^\/\*\*[^/]/.test(text.slice(range.pos, range.end))) docs.add(range.pos)
    const last = leading.at(-1)
    if (last && !CLOSING.has(node.kind)) attached.add(last.pos)
    node.getChildren(file).forEach(visit)
  }
  visit(file)
  return { comments: [...ranges.values()], docs, attached }
}

const scans = new Map<string, { text: string; scan: ScriptScan }>()

/**
 * A script parsed once (TypeScript's parser and scanner, so `//` in a string, URL or regex is never a
 * comment) for every rule that reads it: the repo project shares its modules between files (isolate:
 * false), so comments, doc comments and function lengths parse each tracked source once in all.
 */
export function scanScript(path: string, text: string): ScriptScan {
  const known = scans.get(path)
  if (known?.text === text) return known.scan
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kindOf(path))
  const scan = { ...commentsOf(text, file), functions: functionsOf(path, file) }
  scans.set(path, { text, scan })
  return scan
}

/** 1-based line of each position, counting `\n` only (as `text.slice(0, pos).split('\n').length` does). */
export function lineCounter(text: string): (pos: number) => number {
  const breaks: number[] = []
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i)
  return (pos) => {
    let [lo, hi] = [0, breaks.length]
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (breaks[mid]! < pos) lo = mid + 1
      else hi = mid
    }
    return lo + 1
  }
}
