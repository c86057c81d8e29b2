/**
 * One replica racing the others for the same deliveries (event-claim.test.ts): each key is claimed through
 * the PostgreSQL delivery log, one at a time (Matrix's firstDelivery) or in batches (Slack's recordDeliveries),
 * in an order of its own. Once connected it prints "ready" and waits for a line on stdin, so that the three start
 * claiming together however long each took to start (on a loaded machine one could otherwise finish before the
 * others connect). Then prints the keys it won, as JSON.
 */
import { pgDeliveryLogs } from '../../src/storage/pg/state.js';
import { defaultPgOptions, openPg } from '../../src/storage/pg/session.js';
import { seededRandom } from '../fakes/random.js';

const env = process.env;
const keys = Array.from({ length: Number(env.PW_KEYS) }, (_, i) => `ev${i}`);
const rnd = seededRandom(Number(env.PW_SEED));
for (let i = keys.length - 1; i > 0; i--) {
  const j = Math.floor(rnd() * (i + 1));
  [keys[i], keys[j]] = [keys[j]!, keys[i]!];
}
const db = openPg(defaultPgOptions(env.PW_URL!));
const log = pgDeliveryLogs(db).for('slack');
log.wasDelivered('warm-up'); // the connection is open and the statement path warm
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const won: string[] = [];
for (let i = 0; i < keys.length; ) {
  if (rnd() < 0.5) {
    if (log.firstDelivery(keys[i]!)) won.push(keys[i]!);
    i++;
  } else {
    const batch = keys.slice(i, i + 1 + Math.floor(rnd() * 20));
    log.recordDeliveries(batch).forEach((fresh, k) => fresh && won.push(batch[k]!));
    i += batch.length;
  }
}
db.close();
process.stdout.write(JSON.stringify(won) + '\n');
