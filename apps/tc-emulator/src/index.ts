// Public entry point of apps/tc-emulator; filled by the issue that builds it.
export {};
