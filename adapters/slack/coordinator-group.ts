import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Clock } from '../../src/kernel/clock.js';

const REFRESH_MS = 5 * 60 * 1000;

/**
 * Members of SLACK_COORDINATOR_GROUP (a Slack user group, S…) count as coordinators. The list is fetched
 * with usergroups.users.list and kept for five minutes; when Slack cannot be asked, the last known list
 * stays (or nobody, at first): a failure never makes someone a coordinator.
 */
export function coordinatorGroup(client: webApi.WebClient, groupId: string | undefined, clock: Clock, logger: Logger) {
  let members = new Set<string>();
  let fetchedAt = -Infinity;
  let pending: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    try {
      const res = await client.usergroups.users.list({ usergroup: groupId! });
      members = new Set(res.users ?? []);
      fetchedAt = clock.now().getTime();
    } catch (err) {
      logger.warn({ code: errorCode(err) }, 'could not read the coordinator user group');
    }
  }

  return {
    /** whether the Slack user (U…) is in the group; undefined when no group is configured */
    async includes(userId: string): Promise<boolean | undefined> {
      if (!groupId) return undefined;
      if (clock.now().getTime() - fetchedAt > REFRESH_MS) {
        pending ??= refresh().finally(() => (pending = undefined));
        await pending;
      }
      return members.has(userId);
    },
  };
}

/** A Slack error's code ("not_in_channel", "ratelimited") or the error's name: never its text. */
export function errorCode(err: unknown): string {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number; name?: string };
  return e?.data?.error ?? (e?.statusCode ? `http_${e.statusCode}` : undefined) ?? e?.code ?? e?.name ?? 'unknown';
}
