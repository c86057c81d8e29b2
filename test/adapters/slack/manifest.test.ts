import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/config.js';

const manifest = parse(readFileSync(new URL('../../../slack/manifest.yml', import.meta.url), 'utf8'));
const doc = readFileSync(new URL('../../../docs/slack.md', import.meta.url), 'utf8');

describe('the Slack app manifest', () => {
  it('declares the slash command the adapter listens for by default', () => {
    const defaults = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_APP_TOKEN: 'xapp-x' }).slack!;
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([defaults.command]);
  });

  it('subscribes to exactly the events the listeners handle, with interactivity for the share button', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_mention', 'file_shared', 'message.channels', 'message.groups', 'message.im']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks for the least scopes: no admin, no reading users, no posting as users; files:read for the library, files:write for the export', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(['app_mentions:read', 'channels:history', 'chat:write', 'commands', 'files:read', 'files:write', 'groups:history', 'im:history']);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('is explained step by step, with every Slack setting the adapter reads', () => {
    expect(doc).toContain('files:read');
    for (const setting of ['PLEDGEWATCH_MAX_FILE_MB', 'PLEDGEWATCH_DOWNLOAD_TIMEOUT_SECONDS', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_PORT', 'SLACK_COMMAND', 'SLACK_COORDINATOR_GROUP', 'PLEDGEWATCH_COORDINATORS']) {
      expect(doc).toContain(setting);
    }
    expect(doc).toContain('slack/manifest.yml');
  });
});
