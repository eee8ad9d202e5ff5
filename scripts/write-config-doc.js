#!/usr/bin/env node
// Regenerates docs/CONFIGURATION.md from the configuration schema (needs `npm run build`).
import { writeFile } from 'node:fs/promises';
import { renderConfigurationDoc } from '@cuckoo-tc/config';

await writeFile(new URL('../docs/CONFIGURATION.md', import.meta.url), renderConfigurationDoc());
