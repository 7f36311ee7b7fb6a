import { ApiError } from '../../kit/errors.ts'

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{1,60}$/

/** The agent's own Persona user: the agent's name, when it is an email (Access sign-ins always are). */
export function ownEmail(agent: string | undefined): string {
  if (agent && EMAIL.test(agent)) return agent
  throw new ApiError('bad-request', "The body member meta.user-email-address is required: this agent's name is not an email address.", {
    parameter: 'meta.user-email-address',
  })
}

/** The same, for a read of the agent's own things: no parameter names another agent. */
export function ownEmailToRead(agent: string | undefined): string {
  if (agent && EMAIL.test(agent)) return agent.toLowerCase()
  throw new ApiError(
    'bad-request',
    "This agent's name is not an email address, so no Persona user is this agent's (AGENT_TOKENS names, or Access sign-ins).",
  )
}
