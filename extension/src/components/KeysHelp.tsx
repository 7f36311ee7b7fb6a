import { browser } from '#imports'
import { useEffect } from 'preact/hooks'
import { useSignal } from '@preact/signals'
import { t } from '../lib/i18n.ts'

/** A manifest command as the browser reports it: its name, its words (the manifest's, localised) and the keys bound now ('' when none). */
type Command = { name?: string; description?: string; shortcut?: string }

/** The list's order: the card's copies, the panel, then the rest as the browser lists them. */
const ORDER = ['copy-reply', 'copy-note', 'open-card-in-panel', 'focus-search']
const rank = (c: Command) => (ORDER.includes(c.name!) ? ORDER.indexOf(c.name!) : ORDER.length)

/** The card's own keys (LookupCard's aria-keyshortcuts): key names, the same in every language. */
const CARD_KEYS = ['S', 'Shift+S']

/** Chrome's and Edge's page for binding extension keys (Edge takes the chrome:// address too); Firefox has none to open. */
const SHORTCUTS_PAGE = 'chrome://extensions/shortcuts'

/**
 * The side panel's keys, folded in its footer under every tab: the browser commands with the keys bound
 * now (the agent may have changed them), the card's own keys, and where the browser binds them.
 */
export function KeysHelp() {
  const commands = useSignal<Command[]>([])
  useEffect(() => {
    void browser.commands.getAll().then(
      (all) => (commands.value = all.filter((c) => c.name && !c.name.startsWith('_')).sort((a, b) => rank(a) - rank(b))),
      () => {},
    )
  }, [])
  return (
    <details class="keys-help" data-testid="keys-help">
      <summary data-testid="keys-help-toggle">{t('keysTitle')}</summary>
      {/* Above the footer, over the rows: opening the list pushes nothing. */}
      <div class="keys-body">
        <dl>
          {commands.value.map((c) => (
            <div key={c.name} data-testid="keys-command" data-name={c.name}>
              <dt>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="muted">{t('keysNotSet')}</span>}</dt>
              <dd>{c.description}</dd>
            </div>
          ))}
          <div data-testid="keys-card">
            <dt>
              {CARD_KEYS.map((key, i) => (
                <span key={key}>
                  {i > 0 && ' · '}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t('keysInCard')}</dd>
          </div>
        </dl>
        {import.meta.env.FIREFOX ? (
          <p class="muted" data-testid="keys-where">
            {t('keysWhereFirefox')}
          </p>
        ) : (
          <button type="button" class="link" onClick={() => void browser.tabs.create({ url: SHORTCUTS_PAGE })} data-testid="keys-where">
            {t('keysWhere')}
          </button>
        )}
      </div>
    </details>
  )
}
