// Public entry point of @cuckoo-tc/dashboard: Bull Board over the queues, behind authentication.
export { assertSafeBinding, isLoopbackHost } from './binding.js';
export type { BindingVerdict } from './binding.js';
export { createDashboard } from './create-dashboard.js';
export type { Dashboard, DashboardOptions } from './create-dashboard.js';
export { checkCredentials, hasCredentials } from './credentials.js';
export type { CheckedCredentials, DashboardCredentials } from './credentials.js';
export { CSRF_COOKIE, CSRF_HEADER } from './csrf-middleware.js';
export {
  CredentialsError,
  DashboardError,
  DashboardPortInUseError,
  InsecureBindingError,
  isCredentialsError,
  isDashboardError,
  isDashboardPortInUseError,
  isInsecureBindingError,
} from './errors.js';
export { startDashboard } from './start-dashboard.js';
export type { RunningDashboard, StartDashboardOptions } from './start-dashboard.js';
