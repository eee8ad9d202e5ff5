// Public entry point of packages/queues; filled by the issue that builds it.
export {};
