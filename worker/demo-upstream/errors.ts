/** The two ways a handler ends early: a vendor-shaped error response, or no response at all. */

/** A response in the vendor's own error format; the app's error handler turns it into JSON. */
export class VendorError extends Error {
  readonly status: number
  readonly body: unknown
  readonly headers: Readonly<Record<string, string>>
  readonly contentType: string

  constructor(status: number, body: unknown, options: { headers?: Record<string, string>; contentType?: string } = {}) {
    super(`vendor error ${status}`)
    this.name = 'VendorError'
    this.status = status
    this.body = body
    this.headers = options.headers ?? {}
    this.contentType = options.contentType ?? 'application/json'
  }

  toResponse(): Response {
    return jsonResponse(this.body, this.status, this.contentType, this.headers)
  }
}

/**
 * Thrown to end a request without a response (the `drop` and `hang` faults, or a client abort).
 * The app's error handler rethrows it, so `app.fetch()` rejects: in-process callers see a failed fetch,
 * and Node's adapter finds the socket already destroyed.
 */
export class ConnectionDropped extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'ConnectionDropped'
  }
}

export function jsonResponse(body: unknown, status: number, contentType: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType, ...headers } })
}
