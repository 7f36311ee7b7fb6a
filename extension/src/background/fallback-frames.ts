import { MatchPattern } from '#imports'
import { AGENT_WORKSPACE_MATCHES } from '../sites/helpdesk-matches.ts'
import { contentScriptTab, type Sender } from './sender-policy.ts'

/*
The origin-fallback entry (entrypoints/frame-fallback.content.ts) asks from a sandboxed srcdoc,
blob: or data: frame of a helpdesk host. Chrome matched that frame by an origin only (its own, or
its creator's): a Help Center page of the same host makes such frames too. The background decides
by what the page cannot forge: the sender's frame is one of those kinds, below the top, in a tab
whose page is an agent workspace (sender.tab.url, given by the browser: our host permissions cover
these hosts). Only then is the inline-lookups script injected into that one frame.
*/

const FALLBACK_SCHEMES = ['about:', 'blob:', 'data:']
const WORKSPACES = AGENT_WORKSPACE_MATCHES.map((pattern) => new MatchPattern(pattern))

/** The tab and frame to start inline lookups in, or null when the sender is no such frame of an agent workspace. */
export function fallbackFrameTarget(sender: Sender): { tabId: number; frameId: number } | null {
  const tabId = contentScriptTab(sender)
  const frameId = sender.frameId
  if (tabId === null || typeof frameId !== 'number' || frameId <= 0) return null
  if (!FALLBACK_SCHEMES.some((scheme) => sender.url?.startsWith(scheme))) return null
  const page = sender.tab?.url
  return page !== undefined && WORKSPACES.some((pattern) => pattern.includes(page)) ? { tabId, frameId } : null
}
