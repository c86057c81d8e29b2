import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { pageBaseUrl } from '../../src/page/links.js';

describe('the page settings', () => {
  it('listen on 127.0.0.1:8790 by default; off turns the page off; links use the public URL when set', () => {
    expect(loadConfig({}).page).toEqual({ host: '127.0.0.1', port: 8790, url: undefined });
    expect(loadConfig({ PLEDGEWATCH_PAGE_PORT: 'off' }).page).toBeUndefined();
    const behindProxy = loadConfig({ PLEDGEWATCH_PAGE_URL: 'https://pw.example.org/', PLEDGEWATCH_PAGE_HOST: '0.0.0.0', PLEDGEWATCH_PAGE_PORT: '9000' }).page!;
    expect(pageBaseUrl(behindProxy)).toBe('https://pw.example.org');
    expect(pageBaseUrl({ host: '0.0.0.0', port: 0 }, 41234)).toBe('http://127.0.0.1:41234');
    expect(pageBaseUrl({ host: '::1', port: 8790 })).toBe('http://[::1]:8790');
  });

  it('refuse a plain-http public URL that is not loopback, and a bad port, by name', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ PLEDGEWATCH_PAGE_URL: 'http://pw.example.org' })).toEqual([expect.stringMatching(/^PLEDGEWATCH_PAGE_URL: must be https/)]);
    expect(problems({ PLEDGEWATCH_PAGE_URL: 'http://localhost:8790' })).toEqual([]);
    expect(problems({ PLEDGEWATCH_PAGE_URL: 'ftp://pw.example.org' })[0]).toMatch(/^PLEDGEWATCH_PAGE_URL: /);
    expect(problems({ PLEDGEWATCH_PAGE_PORT: '70000' })[0]).toMatch(/^PLEDGEWATCH_PAGE_PORT: /);
  });
});
