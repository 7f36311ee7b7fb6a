import type { ConsentDescription } from '@cloudflare/workers-oauth-provider'

const escape = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

// No form-action: browsers hold the approval's redirect to the client to it, and the client is elsewhere.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

// Readable in both schemes without a file of its own (the CSP allows inline styles, no scripts).
const PAGE_STYLE =
  '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color-scheme:light dark}h1{font-size:1.4rem}input,button{font:inherit;padding:.3rem .6rem}button{margin-right:.5rem}</style>'

/** An HTML answer of the approval page: no script, never framed, never stored. */
export function htmlPage(body: string, status = 200, headers = new Headers()): Response {
  headers.set('content-type', 'text/html; charset=utf-8')
  headers.set('content-security-policy', PAGE_CSP)
  headers.set('cache-control', 'no-store')
  return new Response(
    `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>IDV Lens: approve an AI client</title>${PAGE_STYLE}${body}`,
    { status, headers },
  )
}

/**
 * The admin's approval page: the client's registered name, where the grant goes, and a field for the
 * admin token (tokens mode) or nothing more (Access mode, where the sign-in is the credential).
 */
export function approvalPage(details: ConsentDescription, handle: string, askToken: boolean): string {
  const name = escape(details.clientName)
  const local = details.redirectIsLoopback ? '<p><strong>The grant goes to an app on this computer.</strong></p>' : ''
  const token = askToken ? '<p><label>Admin token <input type="password" name="admin_token" autocomplete="off" required></label></p>' : ''
  return `<h1>Let ${name} call the relay's MCP tools?</h1>
<p>${name} was registered by an admin. It will act as the AI client <strong>${name}</strong>: read-only tools, audited, within the AI share.</p>
<p>The grant goes to <strong>${escape(details.redirectHost)}</strong>.</p>${local}
<form method="post">
<input type="hidden" name="handle" value="${escape(handle)}">${token}
<p><button name="decision" value="approve">Approve</button> <button name="decision" value="deny" formnovalidate>Deny</button></p>
</form>`
}

/** A refusal shown on the relay's own page (never a redirect to an unchecked client). */
export const refusalPage = (message: string, status: number): Response => htmlPage(`<h1>Not approved</h1><p>${escape(message)}</p>`, status)
