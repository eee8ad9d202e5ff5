// Public entry point of apps/producer; filled by the issue that builds it.
export {};
