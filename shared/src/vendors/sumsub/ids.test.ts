import { describe, expect, it } from 'vitest'
import { classifyId, dashboardUrl, idFromDashboardUrl, mayContainIds, scanIds, UUID_KINDS } from '../../ids/index.ts'
import { chooseReply } from '../../replies/index.ts'

const ID = '65a1f0c2e4b0a1b2c3d4e504'

describe('Sumsub applicant IDs', () => {
  it('are marked bare, like UUIDs, only where a site allows bare IDs', () => {
    expect(scanIds(`applicant ${ID} failed`)).toEqual([])
    expect(mayContainIds(`applicant ${ID}`)).toBe(false)
    expect(mayContainIds(`applicant ${ID}`, { uuids: true })).toBe(true)
    expect(scanIds(`applicant ${ID.toUpperCase()}, see (${ID})`, { uuids: true }).map((m) => [m.kind, m.index])).toEqual([
      ['sumsub-applicant', 10],
      ['sumsub-applicant', 41],
    ])
  })

  it('are 24 hex characters as a whole token, never part of a longer one or a UUID', () => {
    for (const text of [`${ID}0`, `x${ID}`, `${ID.slice(1)}`, `${ID}-1`, `a1b2c3d4-${ID}`, `${ID.slice(0, 23)}g`, `_${ID}`]) {
      expect(scanIds(text, { uuids: true }), text).toEqual([])
    }
    expect(classifyId(ID)).toBe('sumsub-applicant')
  })

  it('are not UUIDs: the relay never asks Sumsub for one', () => {
    expect(UUID_KINDS).not.toContain('sumsub-applicant')
    expect(UUID_KINDS.length).toBeGreaterThan(0)
  })

  it('link to the applicant in Sumsub’s dashboard, and read such a link back', () => {
    expect(dashboardUrl('sumsub-applicant', ID)).toBe(`https://cockpit.sumsub.com/checkus#/applicant/${ID}`)
    expect(idFromDashboardUrl(`https://cockpit.sumsub.com/checkus?x=1#/applicant/${ID}/basicInfo?clientId=demo`)).toEqual({
      kind: 'sumsub-applicant',
      id: ID,
    })
  })
})

const reply = (status: string, failed: { check: string; reasons: string[] }[]) =>
  chooseReply({ kind: 'sumsub-applicant', status, failed }).parts.map((p) => p.text)

describe('Sumsub replies', () => {
  it('asks for another try after RETRY, saying what to fix', () => {
    expect(reply('RED', [{ check: 'review:RETRY', reasons: ['UNSATISFACTORY_PHOTOS', 'SCREENSHOTS'] }])).toEqual(['id_photo'])
    expect(reply('RED', [{ check: 'review:RETRY', reasons: ['SOMETHING_NEW'] }])).toEqual(['retry'])
  })

  it('never coaches after FINAL: its failed check, which the relay gives no labels, says "not verified"', () => {
    expect(reply('RED', [{ check: 'review:FINAL', reasons: [] }])).toEqual(['not_verified'])
    expect(reply('RED', [{ check: 'review:RETRY', reasons: [] }])).toEqual(['retry'])
  })

  it('answers a RETRY pointing at fraud with "not verified" too, and each review status by its own word', () => {
    const labels = (...names: string[]) => names.map((name) => ({ check: 'review:RETRY', reasons: [name] }))
    expect(reply('RED', labels('UNSATISFACTORY_PHOTOS', 'GRAPHIC_EDITOR'))).toEqual(['not_verified'])
    expect(reply('RED', labels('SCREENSHOTS', 'UNSATISFACTORY_PHOTOS'))).toEqual(['id_original'])
    expect(['GREEN', 'init', 'pending', 'queued', 'onHold'].map((s) => reply(s, []))).toEqual([
      ['approved'],
      ['unfinished'],
      ['received'],
      ['received'],
      ['review'],
    ])
  })
})
