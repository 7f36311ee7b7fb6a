/**
 * `npm run oauth:client -- <relay url> <client name> <redirect uri>…`: registers a helpdesk's AI client
 * for OAuth on a running relay, as an admin (the admin token in RELAY_ADMIN_TOKEN, so it stays out of
 * the shell history). Prints the client ID and secret to paste into the helpdesk; the secret only now.
 */
const [relay, name, ...redirectUris] = process.argv.slice(2).filter((a) => a !== '--')
const adminToken = process.env.RELAY_ADMIN_TOKEN
if (!relay || !name || redirectUris.length === 0 || !adminToken) {
  console.error('usage: RELAY_ADMIN_TOKEN=<admin token> npm run oauth:client -- <relay url> <client name> <redirect uri>…')
  process.exit(2)
}
const response = await fetch(new URL('/v1/admin/oauth-clients', relay), {
  method: 'POST',
  headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({ name, redirect_uris: redirectUris }),
})
const body = (await response.json()) as { client_id?: string; client_secret?: string; detail?: string }
if (response.status !== 201) {
  console.error(`the relay refused (${response.status}): ${body.detail ?? JSON.stringify(body)}`)
  process.exit(1)
}
console.log(`OAuth client ${name} registered. Give the helpdesk (the secret is shown only now):
  client_id: ${body.client_id}
  client_secret: ${body.client_secret}
  authorization URL: ${new URL('/oauth/authorize', relay).href}
  token URL: ${new URL('/oauth/token', relay).href}
  MCP URL: ${new URL('/mcp', relay).href}`)
