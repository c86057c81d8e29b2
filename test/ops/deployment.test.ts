import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

// No Docker engine runs here or in CI: the Dockerfile is checked by the parser VS Code uses, and against the repo.
describe('the Dockerfile', () => {
  it('has no syntax or instruction errors', () => {
    expect(validate(dockerfile)).toEqual([]);
  });

  it('copies only what exists in the repository', () => {
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(sources.length).toBeGreaterThan(3);
    for (const s of sources) expect(existsSync(join(root, s)), s).toBe(true);
  });

  it('runs as a non-root user on Node 20 or later, with the data dir as a volume', () => {
    expect(dockerfile).toMatch(/^FROM node:(2[0-9])-slim$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toMatch(/PLEDGEWATCH_DATA_DIR=\/data/);
  });

  it('starts the same entry point as npm start', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.scripts.start).toMatch(/src\/main\.ts/);
    expect(dockerfile).toMatch(/CMD \["node", "--import", "tsx", "src\/main\.ts"\]/);
  });
});

describe('the systemd unit', () => {
  it('runs the bot as its own user with a private state directory', () => {
    const unit = readFileSync(join(root, 'deploy', 'pledgewatch.service'), 'utf8');
    expect(unit).toMatch(/^User=pledgewatch$/m);
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node --import tsx src\/main\.ts$/m);
    expect(unit).toMatch(/^StateDirectory=pledgewatch$/m);
  });
});
