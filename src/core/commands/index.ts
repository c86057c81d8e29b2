import { Registry } from '../registry.js';
import { askCommands } from './ask.js';
import { changesCommand } from './changes.js';
import { draftCommand } from './draft.js';
import { helpCommand } from './help.js';
import { languageCommand } from './language.js';
import { ledgerCommands } from './ledger.js';
import { libraryCommands } from './library.js';
import { operatorCommands } from './operator.js';
import { pageCommands } from './page.js';
import { reminderCommands } from './reminders.js';

/** Every command of every platform, in the order `help` lists them. */
export function buildRegistry(): Registry {
  let built: Registry | undefined;
  const registry = new Registry([...askCommands(() => built), ...libraryCommands, ...ledgerCommands, draftCommand, changesCommand, ...reminderCommands, languageCommand, ...pageCommands, ...operatorCommands]);
  registry.add(helpCommand(registry));
  built = registry;
  return registry;
}
