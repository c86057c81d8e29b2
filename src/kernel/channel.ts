/** Where a message comes from: the CLI is a platform of its own (a console actor, no channel to post to). */
export type Platform = 'console' | 'cli' | 'slack' | 'matrix';

/**
 * A channel the bot can post in, as one value: 'slack:C0123', 'matrix:!room:example.org', or 'console'.
 * The string form is what is stored (subscriptions, reminder rows) and what Incoming carries; this is the
 * one place that reads and writes it.
 */
export type ChannelRef = { platform: 'slack'; id: string } | { platform: 'matrix'; id: string } | { platform: 'console' };

export const ChannelRef = {
  /** the channel a string names, or undefined when it names none ('cli', 'slack:', 'teams:x') */
  parse(text: string): ChannelRef | undefined {
    if (text === 'console') return { platform: 'console' };
    const m = /^(slack|matrix):([\s\S]+)$/.exec(text);
    if (!m) return undefined;
    return { platform: m[1] as 'slack' | 'matrix', id: m[2]! };
  },
  format(ref: ChannelRef): string {
    return ref.platform === 'console' ? 'console' : `${ref.platform}:${ref.id}`;
  },
  /** the platform whose channel this is, or undefined when it is no channel */
  platformOf(text: string): ChannelRef['platform'] | undefined {
    return ChannelRef.parse(text)?.platform;
  },
  /** the platform's own id for a channel of that platform ('slack:C0123' → 'C0123'), else undefined */
  idOn(platform: 'slack' | 'matrix', text: string): string | undefined {
    const ref = ChannelRef.parse(text);
    return ref && ref.platform === platform ? ref.id : undefined;
  },
  slack: (channelId: string): string => ChannelRef.format({ platform: 'slack', id: channelId }),
  matrix: (roomId: string): string => ChannelRef.format({ platform: 'matrix', id: roomId }),
};

/**
 * People are named the same way: 'slack:U0123', 'matrix:@alice:example.org', 'console:you', 'cli:operator'
 * (PLEDGEWATCH_COORDINATORS lists them so).
 */
export const UserRef = {
  format: (platform: Platform, id: string): string => `${platform}:${id}`,
  /** the platform's own id of a user of that platform ('matrix:@a:b' → '@a:b'), else undefined */
  idOn(platform: Platform, user: string): string | undefined {
    return user.startsWith(`${platform}:`) ? user.slice(platform.length + 1) : undefined;
  },
};
