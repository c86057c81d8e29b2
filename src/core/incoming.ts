import type { Platform } from '../kernel/channel.js';
import type { SharedFile } from '../kernel/shared-file.js';

export type { Platform, SharedFile };

/** A message to the bot, as every adapter hands it to the core. */
export interface Incoming {
  platform: Platform;
  /** platform-qualified channel id: 'console', 'slack:C0123', 'matrix:!room:example.org' */
  channel: string;
  /** platform thread id, when the message is in a thread */
  thread?: string;
  /** platform-qualified user id: 'console:you', 'slack:U0123', 'matrix:@alice:example.org' */
  user: string;
  /** the command text, with the bot's prefix or mention already removed */
  text: string;
  /** how the person addresses commands to the bot here ("/pledgewatch ", "!pw "), so help shows what to type */
  prefix?: string;
  isDirect: boolean;
  /**
   * The platform says this user may coordinate here (a Matrix power level, a Slack user group), when the
   * configuration asks the adapter to check. The core also trusts PLEDGEWATCH_COORDINATORS.
   */
  platformCoordinator?: boolean;
  /**
   * The adapter vouches that this is the operator at the machine (the terminal chat, the CLI: whoever can
   * run them can read the database anyway): a coordinator, and never rate-limited. Chat adapters never set it.
   */
  trusted?: boolean;
  /**
   * Files the person shared with this message for the library (a file with a mention of the bot, a reply `add`
   * to a file, a file in a direct message). Present, even empty, when the message asks to add files: the core
   * then adds them instead of reading `text` as a command. Nothing is downloaded before the core says so.
   */
  files?: SharedFile[];
}
