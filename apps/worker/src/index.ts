// Public entry point of apps/worker; filled by the issue that builds it.
export {};
