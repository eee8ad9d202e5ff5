// Child process: does nothing, so the runtime's own peak RSS (node + tsx) can be subtracted.
process.stdout.write(
  JSON.stringify({
    ok: true,
    ms: 0,
    cpuMs: 0,
    bytes: 0,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
