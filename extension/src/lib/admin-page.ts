import { browser } from '#imports'

/** The admins' page (entrypoints/admin): the team's usage and the audit export, in a tab of its own. */
export const openAdminPage = () => void browser.tabs.create({ url: browser.runtime.getURL('/admin.html') })
