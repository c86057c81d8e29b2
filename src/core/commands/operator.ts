import type { Command } from '../registry.js';

/** Operator commands (CLI only): index, backup, doctor. */
export const operatorCommands: Command[] = [];
