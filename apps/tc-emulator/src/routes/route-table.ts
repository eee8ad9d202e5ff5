// The whole API route table, in match order.
import type { Route } from '../http/router.js';
import { v2BatchRoutes } from './v2-batch.js';
import { v2GroupRoutes } from './v2-groups.js';
import { v2IndicatorRoutes } from './v2-indicators.js';
import { v2MetaRoutes } from './v2-meta.js';
import { v3GroupRoutes } from './v3-groups.js';
import { v3IndicatorRoutes } from './v3-indicators.js';
import { v3MetaRoutes } from './v3-meta.js';

/** Every API route (below the prefix). */
export const apiRoutes: Route[] = [
  ...v3GroupRoutes,
  ...v3IndicatorRoutes,
  ...v3MetaRoutes,
  ...v2GroupRoutes,
  ...v2IndicatorRoutes,
  ...v2MetaRoutes,
  ...v2BatchRoutes,
];
