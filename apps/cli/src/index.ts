export { runCli } from './main.js';
export type { Command, CommandContext } from './command.js';
export { EXIT } from './command.js';
