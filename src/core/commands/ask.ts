import type { Command } from '../registry.js';

/** `ask`: filled in by the core/search issue. */
export const askCommands: Command[] = [];
