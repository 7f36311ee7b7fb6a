import { t, type MessageKey } from '../../lib/i18n.ts'
import type { SignInState } from '../../stores/options-model.ts'

const STATE_TEXT: Record<SignInState['status'], MessageKey | null> = {
  idle: null,
  opened: 'signInOpened',
  refused: 'signInRefused',
  error: null,
}

/**
 * In place of the agent token when the relay is behind Cloudflare Access: the sign-in cookie belongs
 * to the browser, so nothing is typed or stored here.
 */
export function SignIn({ state, signedIn, onSignIn }: { state: SignInState; signedIn: boolean; onSignIn: () => void }) {
  const key = STATE_TEXT[state.status]
  const message = state.status === 'error' ? state.message : key ? t(key) : ''
  return (
    <div class="setting" data-testid="sign-in">
      <span class="label">{t('signInLabel')}</span>
      <div>
        <button type="button" onClick={onSignIn} data-testid="sign-in-button">
          {t('signInButton')}
        </button>
      </div>
      <p class="hint">{t('signInHint')}</p>
      <p role="status" class="hint" data-testid="sign-in-status" data-state={signedIn ? 'signed-in' : state.status}>
        {signedIn ? t('signInDone') : message}
      </p>
    </div>
  )
}
