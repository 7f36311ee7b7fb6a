/** Seeded people (the PII an inquiry collects) and the devices/networks their sessions come from. */
import {
  DATACENTER_ISPS,
  DESKTOP_CLIENTS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  IP_PREFIXES,
  LAST_NAMES,
  MIDDLE_NAMES,
  MOBILE_CLIENTS,
  PLACES,
  STREETS,
  type Place,
} from './persona-catalog.ts'
import type { Rng } from './prng.ts'
import type { InquiryFieldKey, SessionClientAttributes } from './persona-types.ts'
import { DAY } from './timeline.ts'

export interface Person {
  place: Place
  fields: Record<InquiryFieldKey, string | null>
}

export function makePerson(rng: Rng, createdAt: number): Person {
  const place = rng.weighted(PLACES)
  const first = rng.pick(FIRST_NAMES)
  const last = rng.pick(LAST_NAMES)
  const middle = rng.chance(0.3) ? rng.pick(MIDDLE_NAMES) : null
  // Adults between 18 and 75 at the time of the inquiry.
  const birth = new Date(createdAt - rng.int(18 * 365, 75 * 365) * DAY)
  const phone = rng.chance(0.6) ? `${place.phonePrefix}555${String(rng.int(100, 9999)).padStart(4, '0')}` : null
  const idNumber = rng.chance(0.25) ? `${place.countryCode === 'US' ? 'D' : 'X'}${rng.int(1000000, 9999999)}` : null
  return {
    place,
    fields: {
      'name-first': first,
      'name-middle': middle,
      'name-last': last,
      'address-street-1': `${rng.int(1, 4999)} ${rng.pick(STREETS)}`,
      'address-street-2': rng.chance(0.2) ? `Apt ${rng.int(1, 40)}${rng.pick(['', 'A', 'B'])}` : null,
      'address-city': place.city,
      'address-subdivision': place.regionName,
      'address-postal-code': place.postalCode,
      'address-country-code': place.countryCode,
      birthdate: birth.toISOString().slice(0, 10),
      'email-address': `${first}.${last}${rng.int(1, 999)}@${rng.pick(EMAIL_DOMAINS)}`.toLowerCase(),
      'phone-number': phone,
      'identification-number': idNumber,
    },
  }
}

export interface ClientOptions {
  mobile: boolean
  handoff: SessionClientAttributes['device-handoff-method']
  /** Declined inquiries skew towards risky sessions. */
  risky: boolean
  /** Sessions before 2025-02-24 predate ip-connection-type; they still get one (every version sends it). */
  home: Place
}

export function makeClient(rng: Rng, options: ClientOptions): SessionClientAttributes {
  const profile = rng.weighted(options.mobile ? MOBILE_CLIENTS : DESKTOP_CLIENTS)
  const threat = rng.weighted<SessionClientAttributes['threat-level']>(
    options.risky
      ? [
          ['low', 45],
          ['medium', 35],
          ['high', 20],
        ]
      : [
          ['low', 88],
          ['medium', 9],
          ['high', 3],
        ],
  )
  const hidden = threat !== 'low' && rng.chance(threat === 'high' ? 0.8 : 0.35)
  const where = rng.chance(hidden ? 0.6 : 0.1) ? rng.weighted(PLACES) : options.home
  const connection = hidden
    ? 'datacenter'
    : rng.weighted<SessionClientAttributes['ip-connection-type']>(
        options.mobile
          ? [
              ['mobile', 65],
              ['residential', 33],
              ['education', 2],
            ]
          : [
              ['residential', 85],
              ['corporate', 10],
              ['education', 3],
              ['mobile', 2],
            ],
      )
  const isp = connection === 'datacenter' ? rng.pick(DATACENTER_ISPS) : rng.pick(where.isps)
  const gps = options.mobile && rng.chance(0.4)
  const jitter = (): number => Math.round(rng.float(-0.05, 0.05) * 10000) / 10000
  return {
    'ip-address': `${rng.pick(IP_PREFIXES)}${rng.int(1, 254)}`,
    ...profile,
    'device-handoff-method': options.handoff,
    'is-proxy': hidden && rng.chance(0.4),
    'is-tor': hidden && threat === 'high' && rng.chance(0.15),
    'is-datacenter': hidden,
    'is-vpn': hidden && rng.chance(0.7),
    'threat-level': threat,
    'country-code': where.countryCode,
    'country-name': where.countryName,
    'region-code': where.regionCode,
    'region-name': where.regionName,
    latitude: Math.round((where.latitude + jitter()) * 10000) / 10000,
    longitude: Math.round((where.longitude + jitter()) * 10000) / 10000,
    'gps-latitude': gps ? Math.round((where.latitude + jitter()) * 1e6) / 1e6 : null,
    'gps-longitude': gps ? Math.round((where.longitude + jitter()) * 1e6) / 1e6 : null,
    'gps-precision': gps ? String(rng.int(5, 65)) : null,
    'ip-connection-type': connection,
    'ip-isp': isp,
    'network-organization':
      connection === 'corporate' ? rng.pick(['Acme Corp', 'Globex LLC', 'Initech']) : connection === 'datacenter' ? isp : null,
  }
}

/** Persona's behavioural signals for a started inquiry (the fixture's keys, seeded values). */
export function makeBehaviors(rng: Rng, risky: boolean): Record<string, number | boolean | string> {
  const baseline = rng.int(8000, 40000)
  const hesitationTime = rng.int(1000, baseline)
  return {
    'request-spoof-attempts': risky && rng.chance(0.2) ? rng.int(1, 3) : 0,
    'user-agent-spoof-attempts': risky && rng.chance(0.15) ? 1 : 0,
    'distraction-events': rng.int(0, 4),
    'hesitation-baseline': baseline,
    'hesitation-count': rng.int(0, 8),
    'hesitation-time': hesitationTime,
    'shortcut-copies': rng.int(0, 1),
    'shortcut-pastes': risky ? rng.int(0, 5) : rng.int(0, 1),
    'autofill-cancels': rng.int(0, 1),
    'autofill-starts': rng.int(0, 2),
    'devtools-open': risky && rng.chance(0.25),
    'completion-time': Math.round(rng.float(25, 600) * 1e9) / 1e9,
    'hesitation-percentage': (hesitationTime / baseline) * 100,
    'behavior-threat-level': risky
      ? rng.pick(['medium', 'high'])
      : rng.weighted([
          ['low', 90],
          ['medium', 10],
        ]),
  }
}
