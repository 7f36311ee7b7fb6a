import type { VendorName } from '@idv-lens/shared/api'
import type { Hono } from 'hono'
import type { AppEnv } from '../kit/routes.ts'
import { deepidvRoutes } from './deepidv/routes.ts'
import { onfidoRoutes } from './onfido/routes.ts'
import { personaRoutes } from './persona/routes.ts'
import { stripeRoutes } from './stripe/routes.ts'
import { sumsubRoutes } from './sumsub/routes.ts'

/**
 * Each vendor's router, by name: app.ts mounts it at `/v1/<name>` (routes/mount-vendors.ts). The
 * registry's second record, apart from VENDORS (index.ts) so the vendor table loads without the
 * routers; `satisfies` keeps each router's own type, which the typed
 * client (AppType) is built from.
 */
export const VENDOR_ROUTERS = {
  persona: personaRoutes,
  deepidv: deepidvRoutes,
  stripe: stripeRoutes,
  onfido: onfidoRoutes,
  sumsub: sumsubRoutes,
} satisfies Record<VendorName, Hono<AppEnv, any, any>>
