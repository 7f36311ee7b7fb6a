import { browser } from '#imports'
import { useModel } from '@preact/signals'
import { KindList, LIST_TABS } from '../../components/KindList.tsx'
import { ListFreshness } from '../../components/ListFreshness.tsx'
import { LiveEvents } from '../../components/LiveEvents.tsx'
import { OnThisPage } from '../../components/OnThisPage.tsx'
import { ReferenceSearchBox } from '../../components/ReferenceSearch.tsx'
import { Tabs } from '../../components/Tabs.tsx'
import { PopupModel } from '../../stores/popup-model.ts'
import { t } from '../../lib/i18n.ts'

/** The toolbar popup: recent items per list, freshness, refresh, the IDs on this page. */
export function App() {
  const model = useModel(PopupModel)
  const tab = model.tab.value
  const list = model.lists[tab]
  // Both open the side panel inside the click (Chrome's user-gesture rule), then close the popup.
  const openPanel = () => void model.openSidePanel().then((opened) => opened && window.close())
  const openDetail = (id: string) => void model.openDetail(id).then((opened) => opened && window.close())
  return (
    <main class="popup">
      <header class="bar">
        <h1>{t('extName')}</h1>
        <span class="spacer" />
        <button type="button" onClick={model.refresh} disabled={list.status.value === 'loading'} data-testid="refresh" title={t('refreshTitle')}>
          {t('refresh')}
        </button>
        <button type="button" onClick={openPanel} data-testid="open-side-panel">
          {t('openSidePanel')}
        </button>
      </header>
      <ReferenceSearchBox search={model.search} onOpen={openDetail} />
      <ListFreshness list={list} />
      <Tabs id="popup" label={t('popupTabsLabel')} tabs={LIST_TABS} selected={tab} onSelect={model.selectTab}>
        <KindList kind={tab} lists={model.lists} onOpen={openDetail} />
      </Tabs>
      <LiveEvents live={model.live} onOpen={openDetail} limit={5} onlyOnceLive />
      <OnThisPage store={model.pageIds} onOpen={openDetail} />
      <footer class="foot">
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()} data-testid="open-settings-footer">
          {t('settings')}
        </button>
      </footer>
    </main>
  )
}
