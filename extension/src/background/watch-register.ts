import { browser } from '#imports'
import { onMessage } from '../lib/messages.ts'
import { watchChangeText } from '../lib/watch-text.ts'
import { checkedTicket, ticketOf, type WatchChange, type WatchSeen, type WatchTicket } from '../lib/watches.ts'
import { watchesItem } from '../lib/watch-storage.ts'
import { isOwnChange } from '../lib/own-changes.ts'
import { readEffectiveSettings, watchSettings } from '../lib/effective-settings.ts'
import { pendingDetailItem } from '../lib/pending-detail.ts'
import { openSidePanel } from '../lib/side-panel.ts'
import type { Relay } from './relay-client.ts'
import { checkId, contentScriptTab, requireExtensionPage, RefusedMessage, type Sender } from './sender-policy.ts'
import { frameReported } from './tab-badge.ts'
import { createWatchKeeper, WATCH_CHECK_MINUTES, type WatchKeeper } from './watch-checks.ts'

const ALARM = 'watch-recheck'
/** A notification's ID carries the watched ID it opens: `watch:<id>:<time>`, with `:ticket` when it opens the watch's ticket. */
const NOTIFICATION_PREFIX = 'watch:'
const TICKET_SUFFIX = ':ticket'

type NotificationsApi = {
  create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string }): Promise<string>
  onClicked: { addListener(cb: (id: string) => void): void; removeListener(cb: (id: string) => void): void }
  clear(id: string): Promise<boolean>
}
type AlarmsApi = {
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): Promise<void> | void
  clear(name: string): Promise<boolean>
  get(name: string): Promise<unknown>
  onAlarm: { addListener(cb: (alarm: { name: string }) => void): void; removeListener(cb: (alarm: { name: string }) => void): void }
}

/** `announce`: background/object-changes.ts, so a change a re-check or live event found is re-read where it shows. */
export type WatchApis = {
  notifications?: NotificationsApi
  alarms?: AlarmsApi
  iconUrl: string
  announce?: (ids: string[]) => Promise<unknown>
}

export const browserWatchApis = (): WatchApis => ({
  notifications: (browser as unknown as { notifications?: NotificationsApi }).notifications,
  alarms: (browser as unknown as { alarms?: AlarmsApi }).alarms,
  iconUrl: browser.runtime.getURL('/icons/128.png'),
})

/**
 * A click on a notification: the side panel on the ID's detail (the click is the user's gesture);
 * where the browser still refuses to open it, the panel's page opens as a tab, which shows the
 * same pending detail.
 */
async function openFromNotification(id: string): Promise<void> {
  const opening = browser.windows
    .getLastFocused()
    .then((w) => (w?.id !== undefined ? openSidePanel({ windowId: w.id }) : false))
    .catch(() => false)
  await pendingDetailItem.setValue({ id, at: Date.now() })
  if (!(await opening)) await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') })
}

/**
 * A watch set from a ticket: the ticket's tab comes to the front (opened again when it was closed),
 * where the card shows the ID; a side panel already open turns to the ID's detail. Only the address
 * kept when the watch was made, checked again (checkedTicket), is opened or matched.
 */
async function openTicket(id: string, ticket: WatchTicket): Promise<void> {
  const tabs = await browser.tabs.query({}).catch(() => [])
  const open = tabs.find((tab) => ticketOf(tab)?.url === ticket.url)
  const tab = open?.id !== undefined ? await browser.tabs.update(open.id, { active: true }) : await browser.tabs.create({ url: ticket.url })
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => {})
  await pendingDetailItem.setValue({ id, at: Date.now() })
}

/** What a notification's ID says it opens, or null when it is not one of ours. */
export function watchedIdOf(notificationId: string): string | null {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return null
  const id = notificationId.slice(NOTIFICATION_PREFIX.length).split(':')[0] ?? ''
  try {
    return checkId(id)
  } catch {
    return null
  }
}

function checkSeen(seen: unknown): WatchSeen | undefined {
  if (seen === undefined || seen === null) return undefined
  const s = seen as Record<string, unknown>
  const text = (v: unknown) => (typeof v === 'string' && v.length <= 64 ? v : null)
  return { status: text(s.status), caseId: text(s.caseId), caseStatus: text(s.caseStatus) }
}

/**
 * The ID of a watch message, from an extension page, or from a content script for an ID its own
 * frame reported (the one its card shows): a content script cannot learn or change the watch of an
 * ID that is not on its page.
 */
async function watchedIdFrom(sender: Sender, id: unknown, what: string): Promise<string> {
  const checked = checkId(id)
  const tabId = contentScriptTab(sender)
  if (tabId === null) requireExtensionPage(sender, what)
  else if (!(await frameReported(tabId, sender.frameId ?? 0, checked)))
    throw new RefusedMessage(`${what} is only accepted for an ID the frame reported`)
  return checked
}

/**
 * The watch messages: a card's content script may set and read a watch for an ID its frame
 * reported; lists and live events are for the extension's pages. `keepAlarm` follows the count
 * after each change.
 */
function watchMessages(keeper: WatchKeeper, keepAlarm: (count: number) => Promise<void>): Array<() => void> {
  return [
    onMessage('setWatch', async ({ data, sender }) => {
      const id = await watchedIdFrom(sender as Sender, data?.id, 'setWatch')
      // A card's page is the ticket (the browser says which, not the page); an extension page is none.
      const ticket = contentScriptTab(sender as Sender) !== null ? ticketOf((sender as Sender).tab) : null
      const result = await keeper.set(id, data.on === true, checkSeen(data.seen), ticket)
      const watches = await keeper.list()
      await keepAlarm(watches.length)
      // Without the case the card knew, the relay's summary brings it (after answering: the button need not wait).
      const added = watches.find((w) => w.id === id)
      if (added && added.caseId === null) void keeper.baseline(id).catch(() => {})
      return result
    }),
    onMessage('watchState', async ({ data, sender }) => {
      const id = await watchedIdFrom(sender as Sender, data?.id, 'watchState')
      return { watching: (await keeper.list()).some((w) => w.id === id) }
    }),
    onMessage('listWatches', ({ sender }) => {
      requireExtensionPage(sender as Sender, 'listWatches')
      return keeper.list()
    }),
    onMessage('watchLiveEvents', async ({ data, sender }) => {
      requireExtensionPage(sender as Sender, 'watchLiveEvents')
      if (!Array.isArray(data?.events) || data.events.length > 200) throw new RefusedMessage('live events: at most 200')
      await keeper.live(data.events)
    }),
  ]
}

/** The keeper over the relay's lookups, notifying each change (with its ticket's mark when it has one). */
function watchKeeper(relay: Relay, apis: WatchApis, now: () => number): WatchKeeper {
  return createWatchKeeper({
    getSettings: readEffectiveSettings,
    load: () => watchesItem.getValue(),
    save: (list) => watchesItem.setValue(list),
    lookup: (ids, fresh) => relay.handlers.lookupIds({ ids, refresh: fresh, background: true }),
    notify: async (change: WatchChange) => {
      if (!apis.notifications) return
      const { title, message } = watchChangeText(change)
      await apis.notifications.create(`${NOTIFICATION_PREFIX}${change.id}:${now()}${change.ticket ? TICKET_SUFFIX : ''}`, {
        type: 'basic',
        iconUrl: apis.iconUrl,
        title,
        message,
      })
    },
    isOwn: (ids) => isOwnChange(ids, now()),
    ...(apis.announce ? { announce: apis.announce } : {}),
    now,
  })
}

/** A click on a watch's notification opens its ticket, else the ID's detail, and clears it. */
function notificationClick(keeper: WatchKeeper, apis: WatchApis) {
  return (notificationId: string) => {
    const id = watchedIdOf(notificationId)
    if (!id) return
    // Without a ticket the side panel opens at once: the click's gesture does not outlast an await.
    if (!notificationId.endsWith(TICKET_SUFFIX)) void openFromNotification(id)
    else
      void keeper
        .list()
        .then((watches) => {
          const ticket = checkedTicket(watches.find((w) => w.id === id)?.ticket)
          return ticket ? openTicket(id, ticket) : openFromNotification(id)
        })
        .catch(() => {})
    void apis.notifications?.clear(notificationId).catch(() => {})
  }
}

/**
 * Watches in the background: the messages that set and list them (a card's content script may set
 * and read a watch for an ID its frame reported; lists are for the extension's pages), live events the panels
 * pass on, a re-check by alarm while there are watches, and a notification per change that opens
 * the ID's detail when clicked.
 */
export function registerWatches(
  relay: Relay,
  apis: WatchApis = browserWatchApis(),
  now: () => number = Date.now,
): { keeper: WatchKeeper; unregister: () => void } {
  const keeper = watchKeeper(relay, apis, now)

  /** The alarm runs only while something is watched: no wake-ups for an agent who watches nothing. */
  async function keepAlarm(count: number) {
    if (!apis.alarms) return
    if (count === 0) await apis.alarms.clear(ALARM)
    else if (!(await apis.alarms.get(ALARM)))
      await apis.alarms.create(ALARM, { periodInMinutes: WATCH_CHECK_MINUTES, delayInMinutes: WATCH_CHECK_MINUTES })
  }

  const onAlarm = (alarm: { name: string }) => {
    if (alarm.name !== ALARM) return
    void keeper
      .recheck()
      .catch(() => [])
      .then(() => keeper.list())
      .then((watches) => keepAlarm(watches.length))
      .catch(() => {})
  }
  const onClicked = notificationClick(keeper, apis)
  apis.alarms?.onAlarm.addListener(onAlarm)
  apis.notifications?.onClicked.addListener(onClicked)

  const removers = watchMessages(keeper, keepAlarm)
  // Another relay or agent: its watches are forgotten now (the list is read under the new settings).
  const unwatchSettings = watchSettings(
    () =>
      void keeper.list().then(
        (watches) => keepAlarm(watches.length),
        () => {},
      ),
  )
  // A worker that starts with watches left from before keeps their alarm.
  void keeper
    .list()
    .then((watches) => keepAlarm(watches.length))
    .catch(() => {})

  return {
    keeper,
    unregister: () => {
      removers.forEach((remove) => remove())
      unwatchSettings()
      apis.alarms?.onAlarm.removeListener(onAlarm)
      apis.notifications?.onClicked.removeListener(onClicked)
    },
  }
}
