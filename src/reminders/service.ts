/** Reminders as commands see them. (Filled in by the reminders issue.) */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReminderService {}
