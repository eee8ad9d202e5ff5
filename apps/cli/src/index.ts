// Public entry point of apps/cli; filled by the issue that builds it.
export {};
