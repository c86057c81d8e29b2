import type { Logger } from 'pino';
import type { Corpus } from '../corpus/corpus.js';
import type { PrivacyStore } from '../ledger/privacy.js';
import type { LedgerService } from '../ledger/service.js';
import type { DownloadLimits } from '../library/download.js';
import type { Library } from '../library/library.js';
import type { Finding } from '../ops/doctor.js';
import type { ReminderService } from '../reminders/service.js';
import type { Clock } from '../kernel/clock.js';
import type { Lang } from '../kernel/i18n.js';

/** What commands may use. Built once by the composition root (src/app.ts) and passed in. */
export interface Services {
  clock: Clock;
  /** the coalition's IANA time zone */
  timezone: string;
  logger: Logger;
  corpus: Corpus;
  /** the documents behind the corpus: add, list, remove, correct (absent in tests that fake the corpus) */
  library?: Library;
  /** where files shared in Slack and Matrix are downloaded to, and the limits (absent where chats cannot add files) */
  downloads?: DownloadLimits;
  /** reads a file the operator names on the command line (`add`); absent where there is no file system to read */
  readFile?: (path: string) => Promise<Uint8Array>;
  ledger: LedgerService;
  reminders: ReminderService;
  /** backup and doctor, for the operator's CLI */
  ops: OpsService;
  /** sensitive askers and private channels */
  privacy?: PrivacyStore;
  /** one-time links to the ledger page; absent when the page is off */
  page?: { issue(options: { reveal: boolean }): { url: string; expiresAt: Date } };
  /** the language each channel chose for replies (`language es`); absent: replies follow each question's language */
  languages?: { get(channel: string): Lang | undefined; set(channel: string, lang: Lang | undefined): void };
}

/** What operator commands need from the running app (the database's backup, the doctor's checks). */
export interface OpsService {
  backup(file: string): Promise<{ file: string; pages: number }>;
  doctor(): Promise<Finding[]>;
}
