import { z } from 'zod'

/** Onfido's 2xx bodies (docs/vendors/onfido.md §2, §3): the fields its spec requires, which the relay reads. */
const Run = z.looseObject({ id: z.string(), applicant_id: z.string(), workflow_id: z.string() })
const Report = z.looseObject({ id: z.string(), name: z.string() })
const Check = z.looseObject({ id: z.string(), applicant_id: z.string() })
// Onfido makes no applicant without both names (its `applicant_builder`).
const Applicant = z.looseObject({ id: z.string(), first_name: z.string(), last_name: z.string() })

export const bodies = {
  // `workflow_runs` answers a bare array, `reports?check_id=` and `checks?applicant_id=` objects (the body check tells lists by their path).
  list: z.union([z.array(Run), z.looseObject({ reports: z.array(Report) }), z.looseObject({ checks: z.array(Check) })]),
  single: z.union([Run, Check, Report, Applicant]),
}
