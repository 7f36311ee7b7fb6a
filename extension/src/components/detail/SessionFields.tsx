import type { PersonaInquirySession } from '@idv-lens/shared/api'
import { countryLabel, humanize } from '../../lib/format.ts'
import { RelTime } from '../RelTime.tsx'
import { Badge, StatusBadge, ThreatBadge } from '../StatusBadge.tsx'
import { Fields } from './Fields.tsx'

const FLAGS = [
  ['is-vpn', 'VPN'],
  ['is-proxy', 'proxy'],
  ['is-tor', 'Tor'],
  ['is-datacenter', 'datacenter IP'],
] as const

/** VPN/proxy/Tor/datacenter: each raised flag is a badge; none raised says so explicitly. */
export function NetworkFlags({ attributes: a }: { attributes: PersonaInquirySession['attributes'] }) {
  const raised = FLAGS.filter(([key]) => a[key] === true)
  const known = FLAGS.some(([key]) => typeof a[key] === 'boolean')
  if (!known) return <span class="muted">not reported</span>
  if (raised.length === 0) return <Badge text="no VPN, proxy, Tor or datacenter" tone="good" testId="network-flags" />
  return (
    <span class="badges" data-testid="network-flags">
      {raised.map(([, label]) => (
        <Badge key={label} text={label} tone="bad" label="Network flag" />
      ))}
    </span>
  )
}

const joined = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(' ') || null

/**
 * What an agent weighs in a session: device, browser, network, threat level, location.
 * Deliberately not shown: IP address, coordinates, user agent (personal data that decides nothing here).
 */
export function SessionFields({ session }: { session: PersonaInquirySession }) {
  const a = session.attributes
  return (
    <Fields
      testId="session-fields"
      rows={[
        ['Status', <StatusBadge status={a.status} />],
        ['Threat level', a['threat-level'] ? <ThreatBadge level={a['threat-level']} /> : null],
        ['Device', joined(a['device-type'] && humanize(a['device-type']), a['device-name'] ?? null)],
        ['System', joined(a['os-name'], a['os-full-version'])],
        ['Browser', joined(a['browser-name'], a['browser-full-version'])],
        ['Network', <NetworkFlags attributes={a} />],
        ['Connection', joined(a['ip-connection-type'] && humanize(a['ip-connection-type']), a['ip-isp'] ? `(${a['ip-isp']})` : null)],
        ['Location', joined(a['region-name'] ? `${a['region-name']},` : null, countryLabel(a['country-name'], a['country-code']))],
        ['Created', <RelTime iso={a['created-at']} />],
        ['Started', a['started-at'] ? <RelTime iso={a['started-at']} /> : null],
        ['Expired', a['expired-at'] ? <RelTime iso={a['expired-at']} /> : null],
      ]}
    />
  )
}
