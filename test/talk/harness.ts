import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import type { Incoming } from '../../src/core/incoming.js';
import type { Reply } from '../../src/kernel/reply.js';
import { silentLogger } from '../../src/logging.js';
import { FakeClock } from '../fakes/clock.js';
import { tempDir } from '../fakes/temp-dir.js';

const COORDINATOR = 'slack:UCOORD';

/** A fresh app on a temp data dir with the bundled corpus; `say` talks to its core as one platform and channel. */
export function startTalk(now = '2020-10-01T12:00:00Z', platform: Incoming['platform'] = 'slack', channel = 'slack:C1') {
  const dir = tempDir();
  const clock = new FakeClock(now);
  const app: App = buildApp(loadConfig({ PLEDGEWATCH_DATA_DIR: dir, PLEDGEWATCH_COORDINATORS: COORDINATOR, PLEDGEWATCH_TIMEZONE: 'America/Mexico_City' }), { logger: silentLogger(), clock });
  const say = (text: string, user = COORDINATOR): Promise<Reply> => app.core.handle({ platform, channel, user, text, isDirect: false, trusted: platform === 'cli' } satisfies Incoming);
  return { app, say, clock };
}

