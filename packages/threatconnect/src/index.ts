// Public entry point of packages/threatconnect; filled by the issue that builds it.
export {};
