#!/usr/bin/env node
// `npm run demo`: runs the pipeline over example analyses against a local ThreatConnect emulator.
// It needs the pipeline (producer, workers) to exist; until then it says what is missing.
process.stderr.write(
  'npm run demo: the delivery pipeline is not built yet (producer and workers, issue "The delivery pipeline").\n' +
    'What works today: npx cuckoo-tc --help, npx cuckoo-tc config print, npm test.\n',
);
process.exitCode = 1;
