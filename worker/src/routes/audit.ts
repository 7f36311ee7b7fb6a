import { Hono } from 'hono'
import { canonicalId, classifyId } from '@idv-lens/shared/ids'
import { MAX_AUDIT_PAGE, type AuditPage } from '@idv-lens/shared/api'
import type { AppEnv } from '../env.ts'
import { adminAuditDb } from './admin-db.ts'
import { auditRecordOf, queryAudit } from '../audit/store.ts'
import { auditRange } from '../audit/range.ts'
import { intInRange, isoDate, querySchema, satisfying, validQuery } from '../validation/query.ts'
import { idKindsInWords, withArticle } from '../validation/id-kinds.ts'
import { okBody } from '../middleware/ok-body.ts'
import { AuditPageSchema } from '../contract/schemas.ts'

const auditQuery = querySchema({
  id: satisfying(
    (v) => classifyId(v) !== null,
    `a verification ID (${idKindsInWords(
      (prefixes) => prefixes,
      (label, noun) => `${withArticle(label)} ${noun}`,
    )})`,
  ),
  agent: satisfying((v) => /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,253}$/.test(v), 'an agent name or email'),
  since: isoDate(),
  until: isoDate(),
  limit: intInRange(1, MAX_AUDIT_PAGE),
  cursor: satisfying((v) => /^\d{1,15}$/.test(v), 'the next cursor of a previous page'),
})

/** `GET /v1/admin/audit?id=|agent=&since=&until=&limit=&cursor=`: admins only, newest first. */
export const auditRoutes = new Hono<AppEnv>().get('/audit', okBody(AuditPageSchema), validQuery(auditQuery), async (c) => {
  const db = adminAuditDb(c, 'the audit log')
  const q = c.req.valid('query')
  const kind = q.id ? classifyId(q.id) : null
  const id = q.id && kind ? canonicalId(q.id, kind) : q.id
  const limit = Number(q.limit ?? 100)
  const rows = await queryAudit(db, {
    id,
    agent: q.agent,
    ...auditRange(q),
    limit,
    cursor: q.cursor ? Number(q.cursor) : undefined,
  })
  const page = rows.slice(0, limit)
  const body: AuditPage = {
    data: page.map(auditRecordOf),
    next: rows.length > limit ? String(page.at(-1)?.seq) : null,
  }
  return c.json(body, 200)
})
