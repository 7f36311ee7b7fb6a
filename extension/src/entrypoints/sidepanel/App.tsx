import { browser } from '#imports'
import { useModel } from '@preact/signals'
import { DetailView } from '../../components/detail/DetailView.tsx'
import { ListFilters } from '../../components/filters/ListFilters.tsx'
import { KindList, PANEL_TABS } from '../../components/KindList.tsx'
import { ListFreshness } from '../../components/ListFreshness.tsx'
import { LiveEvents } from '../../components/LiveEvents.tsx'
import { ReferenceSearchBox } from '../../components/ReferenceSearch.tsx'
import { Tabs } from '../../components/Tabs.tsx'
import { PanelModel } from '../../stores/panel-model.ts'
import { t } from '../../lib/i18n.ts'

/** The side panel: lookup, the full lists with filters and paging, and detail views. */
export function App() {
  const model = useModel(PanelModel)
  const tab = model.tab.value
  const view = model.detail.current.value
  return (
    <main class="panel">
      <header class="bar">
        <ReferenceSearchBox search={model.search} onOpen={model.detail.open} />
        <div class="bar-actions">
          <button type="button" onClick={model.refresh} data-testid="refresh" title={t('refreshTitle')}>
            {t('refresh')}
          </button>
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-settings-header">
            {t('settings')}
          </button>
        </div>
      </header>
      {view ? (
        <DetailView key={view.id} detail={model.detail} view={view} />
      ) : (
        <Tabs id="panel" label={t('panelTabsLabel')} tabs={PANEL_TABS} selected={tab} onSelect={model.selectTab}>
          {tab === 'events' && <LiveEvents live={model.live} onOpen={model.detail.open} />}
          <ListFreshness list={model.lists[tab]} />
          <ListFilters kind={tab} lists={model.lists} />
          <KindList kind={tab} lists={model.lists} onOpen={model.detail.open} paged />
        </Tabs>
      )}
    </main>
  )
}
