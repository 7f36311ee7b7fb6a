import { browser } from '#imports'
import { useModel } from '@preact/signals'
import { useEffect, useRef } from 'preact/hooks'
import { DetailView } from '../../components/detail/DetailView.tsx'
import { ListFilters } from '../../components/filters/ListFilters.tsx'
import { KindList, PANEL_TABS } from '../../components/KindList.tsx'
import { ListFreshness } from '../../components/ListFreshness.tsx'
import { LiveEvents, liveTabNotes } from '../../components/LiveEvents.tsx'
import { ReferenceSearchBox } from '../../components/ReferenceSearch.tsx'
import { Tabs } from '../../components/Tabs.tsx'
import { PanelModel } from '../../stores/panel-model.ts'
import { isListTab } from '../../stores/surface-tab.ts'
import { t } from '../../lib/i18n.ts'

const RefreshIcon = () => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" d="M13.5 8a5.5 5.5 0 1 1-1.6-3.9M13.5 1.8v2.9h-2.9" />
  </svg>
)

const SettingsIcon = () => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path fill="currentColor" d="M6.9 0h2.2l.4 2.1c.5.2 1 .4 1.4.8l2-.8 1.1 1.9-1.6 1.4c.1.5.1 1.1 0 1.6l1.6 1.4-1.1 1.9-2-.8c-.4.4-.9.6-1.4.8L9.1 12.4H6.9l-.4-2.1c-.5-.2-1-.4-1.4-.8l-2 .8L2 8.4l1.6-1.4a4 4 0 0 1 0-1.6L2 4l1.1-1.9 2 .8c.4-.4.9-.6 1.4-.8zM8 4.2a2 2 0 1 0 0 4 2 2 0 0 0 0-4z" transform="translate(0 1.8)" />
  </svg>
)

/**
 * After Back or Esc the detail is gone: focus goes to the row that opened it (or the selected tab),
 * not to the page body, so a keyboard user carries on where they were.
 */
function useFocusAfterDetail(openId: string | null, tabId: string) {
  const last = useRef<string | null>(null)
  useEffect(() => {
    const closed = last.current
    last.current = openId
    if (openId || !closed) return
    const rows = document.querySelectorAll<HTMLElement>('[role="tabpanel"] [data-id]')
    const row = [...rows].find((r) => r.dataset.id === closed)
    const target = row?.querySelector<HTMLElement>('button') ?? document.getElementById(tabId)
    target?.focus()
  }, [openId, tabId])
}

/** The side panel: lookup, the full lists with filters and paging, live events, and detail views. */
export function App() {
  const model = useModel(PanelModel)
  const tab = model.tab.value
  const view = model.detail.current.value
  useFocusAfterDetail(view?.id ?? null, `panel-tab-${tab}`)
  return (
    <main class="panel">
      {/* One row at 400 px in every language: the lookup takes what the two icon buttons leave. */}
      <header class="bar">
        <h1 class="sr-only">{t('extName')}</h1>
        <ReferenceSearchBox search={model.search} onOpen={model.detail.open} />
        <button type="button" class="icon bar-icon" onClick={model.refresh} data-testid="refresh" aria-label={t('refresh')} title={t('refreshTitle')}>
          <RefreshIcon />
        </button>
        <button
          type="button"
          class="icon bar-icon"
          onClick={() => void browser.runtime.openOptionsPage()}
          data-testid="open-settings-header"
          aria-label={t('settings')}
          title={t('settings')}
        >
          <SettingsIcon />
        </button>
      </header>
      {view ? (
        <DetailView key={view.id} detail={model.detail} view={view} />
      ) : (
        <Tabs id="panel" label={t('panelTabsLabel')} tabs={PANEL_TABS} selected={tab} onSelect={model.selectTab} notes={liveTabNotes(model.unseen.count.value)}>
          {isListTab(tab) ? (
            <>
              <ListFilters kind={tab} lists={model.lists} />
              <ListFreshness list={model.lists[tab]} />
              <KindList kind={tab} lists={model.lists} onOpen={model.detail.open} paged />
            </>
          ) : (
            <LiveEvents live={model.live} onOpen={model.detail.open} unseen={model.unseen} />
          )}
        </Tabs>
      )}
    </main>
  )
}
