import type { SignInState } from '../../stores/options-model.ts'

const STATE_TEXT: Record<SignInState['status'], string> = {
  idle: '',
  opened: 'Sign in in the tab that opened, then come back and click Test connection.',
  refused: 'Sign-in needs access to the relay\'s site, so the browser sends your sign-in with each request. Click Sign in again and allow it.',
  error: '',
}

/**
 * In place of the agent token when the relay is behind Cloudflare Access: the sign-in cookie belongs
 * to the browser, so nothing is typed or stored here.
 */
export function SignIn({ state, signedIn, onSignIn }: { state: SignInState; signedIn: boolean; onSignIn: () => void }) {
  const message = state.status === 'error' ? state.message : STATE_TEXT[state.status]
  return (
    <div class="setting" data-testid="sign-in">
      <span class="label">Company sign-in</span>
      <div>
        <button type="button" onClick={onSignIn} data-testid="sign-in-button">
          Sign in with your company account
        </button>
      </div>
      <p class="hint">
        Your relay uses your company's single sign-on (Cloudflare Access) instead of agent tokens. Signing in asks this browser to let
        IDV Lens reach the relay's site, then opens the sign-in page in a tab.
      </p>
      <p role="status" class="hint" data-testid="sign-in-status" data-state={signedIn ? 'signed-in' : state.status}>
        {signedIn ? 'Signed in: the relay accepted your company sign-in.' : message}
      </p>
    </div>
  )
}
