// Public entry point of packages/indicators; filled by the issue that builds it.
export {};
