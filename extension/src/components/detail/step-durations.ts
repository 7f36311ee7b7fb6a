/** An event of a timeline: its ID and when it happened (a vendor timestamp, maybe missing). */
type Timed = { id: string; at: number | null }

/**
 * How long each step of a timeline took: for every event, the time since the event just before it
 * in time (the step it ends began there). The first event, and one without a time, has none.
 * Persona lists events newest first; the order given is not trusted, only the times.
 */
export function stepDurations(events: Timed[]): Map<string, number> {
  const timed = events.filter((e): e is { id: string; at: number } => e.at !== null).sort((a, b) => a.at - b.at)
  const took = new Map<string, number>()
  for (let i = 1; i < timed.length; i++) took.set(timed[i]!.id, timed[i]!.at - timed[i - 1]!.at)
  return took
}
