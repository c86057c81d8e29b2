import type { Logger } from 'pino';
import type { PageConfig } from '../config/config.js';
import type { Clock } from '../kernel/clock.js';
import type { PrivacyStore } from '../ledger/privacy.js';
import type { LedgerService } from '../ledger/service.js';
import type { Db } from '../storage/database.js';
import { SqliteLinkStore, type LinkStore } from './link-store.js';
import { createPageLinks, pageBaseUrl, type PageLinks } from './links.js';
import { createPageApp, startPageServer, type PageServer } from './server.js';

export interface PageRoom {
  /** what the `page` command issues links with (the CLI too: it shares the database with the bot) */
  links: PageLinks;
  /** starts the HTTP server (the bot process only); links made after it carry the port it got */
  start(deps: { ledger: LedgerService; privacy: PrivacyStore; timezone: string; logger: Logger }): Promise<PageServer>;
}

export function createPageRoom(config: PageConfig, deps: { db: Db; clock: Clock } | { links: LinkStore; clock: Clock }): PageRoom {
  let boundPort: number | undefined;
  const store = 'links' in deps ? deps.links : new SqliteLinkStore(deps.db);
  const links = createPageLinks({ store, clock: deps.clock, baseUrl: () => pageBaseUrl(config, boundPort) });
  return {
    links,
    async start({ ledger, privacy, timezone, logger }) {
      const app = createPageApp({ links, ledger, privacy, clock: deps.clock, timezone, logger });
      const server = await startPageServer(config.host, config.port, app);
      boundPort = server.port;
      return server;
    },
  };
}
