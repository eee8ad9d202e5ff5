#!/usr/bin/env node
// Runs after `npm ci` / `npm install`: builds every workspace so `npx cuckoo-tc` works at once.
// A failing build is reported but does not undo the install (a developer mid-change can still
// install packages); CI builds again explicitly and fails there.
import { spawnSync } from 'node:child_process';

const result = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  stdio: 'inherit',
});
if (result.status !== 0) {
  process.stderr.write(
    '\nprepare: the build failed (see above); run `npm run build` after fixing it.\n',
  );
}
