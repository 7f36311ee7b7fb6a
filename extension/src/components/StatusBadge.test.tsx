// @vitest-environment happy-dom
import { render } from 'preact'
import { afterEach, describe, expect, it } from 'vitest'
import { ThreatBadge, VendorTerm } from './StatusBadge.tsx'
import { connectionWord, stepWord } from '../lib/vendor-words.ts'

describe('words for people', () => {
  const root = document.createElement('div')
  document.body.append(root)
  afterEach(() => render(null, root))

  it('should leave a low threat out of a row, and not repeat the field label inside a field', () => {
    render(<ThreatBadge level="low" />, root)
    expect(root.textContent).toBe('')
    render(<ThreatBadge level="high" />, root)
    expect(root.textContent).toBe('threat high')
    render(<ThreatBadge level="low" inField />, root)
    expect(root.textContent).toBe('low')
    expect(root.querySelector('[title]')?.getAttribute('title')).toBe('low')
  })

  it('should say vendor step names and connection types in plain words, with the raw value on hover', () => {
    expect(['verification_selfie', 'FACE_LIVENESS', 'verification_something_new'].map(stepWord)).toEqual([
      'Selfie check',
      'Liveness check (face)',
      'verification something new',
    ])
    expect(['mobile', 'residential', 'datacenter'].map(connectionWord)).toEqual([
      'mobile network',
      'home internet',
      'data centre (hosting, VPN or proxy)',
    ])
    render(<VendorTerm text={stepWord('verification_selfie')} raw="verification_selfie" />, root)
    expect(root.querySelector('span')?.title).toBe('verification_selfie')
  })
})
