// Public entry point of packages/config; filled by the issue that builds it.
export {};
