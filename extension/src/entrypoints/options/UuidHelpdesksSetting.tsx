import { useEffect, useState } from 'preact/hooks'
import { t } from '../../lib/i18n.ts'
import { uuidHelpdesksItem } from '../../lib/settings.ts'

/** The switch for bare UUIDs on the built-in helpdesks' agent pages: on by default, saved on change. */
export function UuidHelpdesksSetting() {
  const [on, setOn] = useState<boolean | null>(null)
  useEffect(() => {
    void uuidHelpdesksItem.getValue().then(setOn)
    return uuidHelpdesksItem.watch(setOn)
  }, [])
  return (
    <section class="uuid-helpdesks" aria-labelledby="uuid-helpdesks-title" data-testid="uuid-helpdesks-setting">
      <h2 id="uuid-helpdesks-title">{t('uuidHelpdesksTitle')}</h2>
      <p class="hint">{t('uuidHelpdesksHint')}</p>
      <label>
        <input
          type="checkbox"
          checked={on === true}
          disabled={on === null}
          onChange={(event) => void uuidHelpdesksItem.setValue(event.currentTarget.checked)}
          data-testid="uuid-helpdesks-toggle"
        />{' '}
        {t('uuidHelpdesksOn')}
      </label>
    </section>
  )
}
