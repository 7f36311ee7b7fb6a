import { describe, expect, it } from 'vitest'
import { budgetPage } from './lookup-budget.ts'

describe('budgetPage', () => {
  const ticket = 'https://acme.zendesk.com/agent/tickets/1'

  it('should count a ticket as one page whatever its fragment, and another ticket (path or hash route) as another', () => {
    expect(budgetPage(`${ticket}#comment-4`)).toBe(budgetPage(ticket))
    expect(budgetPage('https://acme.zendesk.com/agent/tickets/2')).not.toBe(budgetPage(ticket))
    expect(budgetPage('https://app.example/#/tickets/2')).not.toBe(budgetPage('https://app.example/#/tickets/3'))
    expect(budgetPage('https://app.example/#!/tickets/2')).not.toBe(budgetPage('https://app.example/#!/tickets/3'))
  })

  it('should keep no page address in the budget', () => {
    expect(budgetPage(ticket)).toMatch(/^[0-9a-f]{1,8}$/)
  })
})
