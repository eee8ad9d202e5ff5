import type { Command } from '../command.js';
import { configCommand } from './config-print.js';
import { dashboardCommand } from './dashboard.js';
import { demoCommand } from './demo.js';
import { doctorCommand } from './doctor.js';
import { emulatorCommand } from './emulator.js';
import { enqueueCommand } from './enqueue.js';
import { parseCommand } from './parse.js';
import { producerCommand } from './producer.js';
import { requeueCommand } from './requeue.js';
import { runCommand } from './run.js';
import { statusCommand } from './status.js';
import { workerCommand } from './worker.js';

/** Every command, in the order `cuckoo-tc --help` lists them. */
export const commands: readonly Command[] = [
  configCommand,
  dashboardCommand,
  doctorCommand,
  emulatorCommand,
  enqueueCommand,
  parseCommand,
  producerCommand,
  requeueCommand,
  statusCommand,
  workerCommand,
  runCommand,
  demoCommand,
];
