// Background lookups a stock Windows guest makes on its own, in every analysis, whatever the
// sample does. Deliberately small and specific: whole vendor domains (microsoft.com, ...) are left
// to the operator's list, because samples abuse vendor-hosted services too.

/** Built-in benign domain entries (each matches itself and its subdomains). */
export const BUILTIN_BENIGN_DOMAINS: readonly string[] = [
  // Network connectivity status indicator (NCSI) probes
  'msftncsi.com',
  'msftconnecttest.com',
  // Windows time service
  'time.windows.com',
  // Windows Update and its content delivery
  'windowsupdate.com',
  'update.microsoft.com',
  'windowsupdate.microsoft.com',
  'delivery.mp.microsoft.com',
  // Teredo and other IPv6 transition servers
  'ipv6.microsoft.com',
  // Certificate revocation lists fetched by CryptoAPI
  'crl.microsoft.com',
  'mscrl.microsoft.com',
  // Error reporting and settings/telemetry endpoints contacted at boot
  'watson.microsoft.com',
  'settings-win.data.microsoft.com',
];
