import { useEffect, useState } from 'preact/hooks'
import { browser } from '#imports'
import { copyCheckOfferItem, copyCheckOn, turnOffCopyCheck, turnOnCopyCheck, watchCopyCheck, type CopyCheckApi } from '../lib/copy-check.ts'
import { t } from '../lib/i18n.ts'

type CopyCheckState = { on: boolean; offer: 'due' | 'declined' | null }

/** Whether the copy check is on and whether it is offered; null until known, then kept current. */
function useCopyCheck(api: CopyCheckApi): CopyCheckState | null {
  const [state, setState] = useState<CopyCheckState | null>(null)
  useEffect(() => {
    // Reads can overlap (a grant while the state is read): only the latest one is shown.
    let reads = 0
    const read = () => {
      const n = ++reads
      void Promise.all([copyCheckOn(api), copyCheckOfferItem.getValue()]).then(
        ([on, offer]) => n === reads && setState({ on, offer }),
        () => {},
      )
    }
    read()
    return watchCopyCheck(read, api)
  }, [api])
  return state
}

/**
 * The popup's and side panel's one offer, after the first card copy made without the check: why,
 * then the browser's prompt inside the click. A no, here or to the browser, ends the offer.
 */
export function CopyCheckOffer({ api = browser }: { api?: CopyCheckApi }) {
  const state = useCopyCheck(api)
  if (!state || state.on || state.offer !== 'due') return null
  return (
    <section class="copy-check-offer" aria-labelledby="copy-check-offer-title" data-testid="copy-check-offer">
      <h2 id="copy-check-offer-title">{t('copyCheckOffer')}</h2>
      <p class="hint">{t('copyCheckWhy')}</p>
      {/* No await before the request: Chrome shows its prompt only inside the click's gesture. */}
      <button type="button" data-testid="copy-check-turn-on" onClick={() => void turnOnCopyCheck(api)}>
        {t('copyCheckTurnOn')}
      </button>{' '}
      <button type="button" class="link" data-testid="copy-check-not-now" onClick={() => void copyCheckOfferItem.setValue('declined')}>
        {t('copyCheckNotNow')}
      </button>
    </section>
  )
}

/** The options page's switch, offered whatever the agent said before. */
export function CopyCheckSetting({ api = browser }: { api?: CopyCheckApi }) {
  const state = useCopyCheck(api)
  const on = state?.on === true
  return (
    <section class="copy-check" aria-labelledby="copy-check-title" data-testid="copy-check-setting">
      <h2 id="copy-check-title">{t('copyCheckTitle')}</h2>
      <p class="hint">{t('copyCheckWhy')}</p>
      <button
        type="button"
        aria-pressed={on}
        data-testid="copy-check-toggle"
        onClick={() => void (on ? turnOffCopyCheck(api) : turnOnCopyCheck(api))}
      >
        {on ? t('copyCheckTurnOff') : t('copyCheckTurnOn')}
      </button>
    </section>
  )
}
