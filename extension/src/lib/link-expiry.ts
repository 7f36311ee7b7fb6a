import { formatNumber } from './i18n.ts'

/**
 * How long a new link works, as the customer reads it: "24 hours" / "24 Stunden", in whole hours up
 * to two days, then whole days, else minutes. A duration, never a clock time: the agent's time zone
 * means nothing to a customer who may live in another.
 */
export function linkLasts(seconds: number): string {
  const [n, unit] =
    seconds % 3600 === 0 && seconds <= 48 * 3600
      ? [seconds / 3600, 'hour']
      : seconds % 86_400 === 0
        ? [seconds / 86_400, 'day']
        : [Math.floor(seconds / 60), 'minute']
  return formatNumber(n, { style: 'unit', unit, unitDisplay: 'long' })
}
