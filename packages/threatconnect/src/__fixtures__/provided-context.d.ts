// The type of `inject('redisUrl')`, which the shared vitest global setup provides. Declared here
// too so these tests do not depend on how @cuckoo-tc/testing re-exports its setup file.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
