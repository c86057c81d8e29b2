import type { Logger } from 'pino';
import type { Adapter, AdapterStatus } from '../core/adapter.js';
import type { Platform } from '../core/incoming.js';
import type { Sender } from '../kernel/sender.js';

/** The lease an adapter runs under (src/storage/pg/leader-lease.ts), as the wrapper sees it. */
export interface Lease {
  isLeader(): boolean;
  stop(): Promise<void>;
}

export interface LedAdapter extends Adapter {
  /** whether this replica is the leader for this adapter now (its adapter running or starting) */
  leading(): boolean;
}

class NotLeader extends Error {
  readonly code = 'not-leader';
}

/**
 * An adapter only one replica may run at a time (Matrix: one device syncing and sending): a fresh adapter is
 * made and started each time this replica becomes the leader, and stopped when it stops being it. On a replica
 * that is not the leader the adapter counts as connected ("standby": health stays green) and its sender is
 * absent (the reminder loop leaves that platform's rows to the leader); a send that races a change of leader
 * fails and is retried by the loop, looked up first.
 */
export function ledAdapter(options: {
  platform: Platform;
  make: () => Adapter;
  /** starts the lease; `onChange` runs the adapter */
  lease: (onChange: (leader: boolean) => Promise<void>) => Lease;
  /** told when the running adapter's sender comes or goes */
  senderChanged?: (sender: Sender | undefined) => void;
  logger: Logger;
}): LedAdapter {
  const log = options.logger.child({ module: 'leader', platform: options.platform });
  let lease: Lease | undefined;
  let current: Adapter | undefined;
  let leading = false;

  let retry: NodeJS.Timeout | undefined;

  async function run() {
    const a = options.make();
    current = a;
    try {
      await a.start();
      options.senderChanged?.(a.sender);
      log.info('leader: adapter running');
    } catch (err) {
      // Not started (the homeserver down, the token rejected): tried again while this replica leads.
      log.error({ code: (err as { code?: string }).code }, 'leader: adapter could not start; trying again in 10 s');
      if (current === a) current = undefined;
      await a.stop().catch(() => undefined);
      if (leading) retry = setTimeout(() => void (leading && !current && run()), 10_000);
    }
  }

  async function onChange(leader: boolean) {
    leading = leader;
    clearTimeout(retry);
    if (leader) return run();
    const a = current;
    current = undefined;
    options.senderChanged?.(undefined);
    await a?.stop().catch((err) => log.warn({ code: (err as { code?: string }).code }, 'adapter did not stop cleanly'));
    log.info('standby: adapter stopped');
  }

  const sender: Sender = {
    platform: options.platform,
    send: (channel, reply, key) => (current ? current.sender.send(channel, reply, key) : Promise.reject(new NotLeader('not the leader'))),
    lookup: (channel, key) => (current?.sender.lookup ? current.sender.lookup(channel, key) : Promise.reject(new NotLeader('not the leader'))),
  };

  return {
    platform: options.platform,
    sender,
    leading: () => leading,
    async start() {
      lease = options.lease(onChange);
    },
    async stop() {
      clearTimeout(retry);
      await lease?.stop();
      lease = undefined;
      const a = current;
      current = undefined;
      await a?.stop();
    },
    status(): AdapterStatus {
      if (!leading) return { connected: true, detail: 'standby: another replica is the leader' };
      return current ? current.status() : { connected: false, detail: 'becoming the leader' };
    },
  };
}
