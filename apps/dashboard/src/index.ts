// Public entry point of apps/dashboard; filled by the issue that builds it.
export {};
