import { describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/ops/doctor.js';
import { tempDir } from '../fakes/temp-dir.js';

/** `doctor` says who may invite the bot into a Matrix room, and where power levels count. */
const whoami = (async () => new Response(JSON.stringify({ user_id: '@pw:example.org' }), { status: 200 })) as typeof fetch;
const matrixEnv = (extra: Record<string, string>) => ({
  PLEDGEWATCH_DATA_DIR: tempDir(),
  MATRIX_HOMESERVER_URL: 'https://matrix.example.org',
  MATRIX_USER_ID: '@pw:example.org',
  MATRIX_ACCESS_TOKEN: 'syt_secret',
  ...extra,
});
const finding = async (env: Record<string, string>, check: string) => (await runDoctor(env, { fetch: whoami })).find((f) => f.check === check);

describe('doctor, Matrix invites', () => {
  it('names the allowed inviters, the servers and the Matrix coordinators', async () => {
    const f = await finding(matrixEnv({ MATRIX_ALLOWED_INVITERS: '@bob:example.org,:coalition.org', PLEDGEWATCH_COORDINATORS: 'matrix:@alice:example.org,slack:U0123ABC' }), 'matrix invites');
    expect(f).toMatchObject({ ok: true, message: 'The bot accepts invites from @bob:example.org, anyone on coalition.org, @alice:example.org (coordinator); it declines all others.' });
  });

  it('says the bot joins no room when nobody is named', async () => {
    const f = await finding(matrixEnv({}), 'matrix invites');
    expect(f?.ok).toBe(false);
    expect(f?.message).toMatch(/Nobody may invite the bot .* joins no room/);
  });

  it('says where power levels count, and that they count nowhere without coordination rooms', async () => {
    expect((await finding(matrixEnv({ MATRIX_POWER_LEVEL_COORDINATORS: 'true' }), 'matrix power levels'))?.ok).toBe(false);
    const listed = await finding(matrixEnv({ MATRIX_POWER_LEVEL_COORDINATORS: 'true', MATRIX_COORDINATION_ROOMS: '!abc:example.org' }), 'matrix power levels');
    expect(listed).toMatchObject({ ok: true, message: expect.stringContaining('!abc:example.org') });
    expect(await finding(matrixEnv({}), 'matrix power levels')).toBeUndefined();
  });
});
