// What the shared Vitest global setup provides to every test: `inject('redisUrl')`.
// Imported by this package's entry point so any test importing @cuckoo-tc/testing gets the type.
declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export {};
