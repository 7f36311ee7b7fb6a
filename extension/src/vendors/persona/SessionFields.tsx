import type { PersonaInquirySession } from '@idv-lens/shared/api'
import { connectionWord, countryLabel, t, vendorWord } from '../../kit/words.ts'
import { Badge, Fields, LocalTime, StatusBadge, ThreatBadge, VendorTerm } from '../../kit/views.ts'

const FLAGS = [
  ['is-vpn', 'flagVpn'],
  ['is-proxy', 'flagProxy'],
  ['is-tor', 'flagTor'],
  ['is-datacenter', 'flagDatacenter'],
] as const

/** VPN/proxy/Tor/datacenter: each raised flag is a badge; none raised says so explicitly. */
export function NetworkFlags({ attributes: a }: { attributes: PersonaInquirySession['attributes'] }) {
  const raised = FLAGS.filter(([key]) => a[key] === true)
  const known = FLAGS.some(([key]) => typeof a[key] === 'boolean')
  if (!known) return <span class="muted">{t('notReported')}</span>
  if (raised.length === 0) return <Badge text={t('noNetworkFlags')} tone="good" testId="network-flags" />
  return (
    <span class="badges" data-testid="network-flags">
      {raised.map(([, label]) => (
        <Badge key={label} text={t(label)} tone="bad" label={t('networkFlag')} />
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
        ['fieldStatus', <StatusBadge vendor="persona" status={a.status} />],
        ['fieldThreatLevel', a['threat-level'] ? <ThreatBadge level={a['threat-level']} inField /> : null],
        ['fieldDevice', joined(a['device-type'] && vendorWord(a['device-type']), a['device-name'] ?? null)],
        ['fieldSystem', joined(a['os-name'], a['os-full-version'])],
        ['fieldBrowser', joined(a['browser-name'], a['browser-full-version'])],
        ['fieldNetwork', <NetworkFlags attributes={a} />],
        [
          'fieldConnection',
          a['ip-connection-type'] || a['ip-isp'] ? (
            <>
              {a['ip-connection-type'] && <VendorTerm text={connectionWord(a['ip-connection-type'])} raw={a['ip-connection-type']} />}
              {a['ip-connection-type'] && a['ip-isp'] && ' · '}
              {a['ip-isp']}
            </>
          ) : null,
        ],
        ['fieldLocation', joined(a['region-name'] ? `${a['region-name']},` : null, countryLabel(a['country-name'], a['country-code']))],
        ['fieldCreated', <LocalTime iso={a['created-at']} />],
        ['fieldStarted', a['started-at'] ? <LocalTime iso={a['started-at']} /> : null],
        ['fieldExpired', a['expired-at'] ? <LocalTime iso={a['expired-at']} /> : null],
      ]}
    />
  )
}
