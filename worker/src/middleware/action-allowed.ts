import { actionRole, type ActionName } from '@idv-lens/shared/api'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../env.ts'
import { ApiError } from '../errors.ts'

/** Whether this agent may call `action`: the relay offers it (ACTIONS) and the agent holds its role (actor, or reviewer for a decision). */
export const mayCall = (
  c: { get(key: 'config'): AppEnv['Variables']['config']; get(key: 'roles'): AppEnv['Variables']['roles'] },
  action: ActionName,
): boolean => c.get('config').actions.offered.includes(action) && (c.get('roles') ?? []).includes(actionRole(action))

/**
 * First on every action route, before its ID or body is read: an action the admin has not turned on
 * is 403 `action-disabled` for everyone, and one that is on is 403 `forbidden` for an agent without its
 * role (an admin included, unless named one too). Neither costs a vendor call.
 */
export function actionAllowed(action: ActionName): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('config').actions.offered.includes(action)) {
      throw new ApiError('action-disabled', `The ${action} action is not turned on for this relay (ACTIONS).`)
    }
    if (!mayCall(c, action))
      throw new ApiError('forbidden', `Only an agent with the role ${actionRole(action)} may use the ${action} action.`)
    await next()
  }
}
