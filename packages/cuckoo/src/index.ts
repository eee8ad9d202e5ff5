// Public entry point of packages/cuckoo; filled by the issue that builds it.
export {};
