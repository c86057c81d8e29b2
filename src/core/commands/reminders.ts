import type { Command } from '../registry.js';

/** Reminder commands: filled in by the reminders issue. */
export const reminderCommands: Command[] = [];
