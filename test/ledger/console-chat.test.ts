import { describe, expect, it } from 'vitest';
import { consoleChat } from '../fakes/console-chat.js';
import { tempDir } from '../fakes/temp-dir.js';

describe('the ledger in the console chat', () => {
  it('records an answer typed in one session and shows it in the next', async () => {
    const dir = tempDir();
    const first = await consoleChat(dir, ['answered México 5 https://example.org/reply']);
    expect(first).toMatch(/Mexico, ishr-2020-mexico-questions: question 5 recorded as answered\. 35 of 36 still outstanding\./);
    const second = await consoleChat(dir, ['outstanding Mexico', 'question mx 5']);
    expect(second).toMatch(/35 of 36 outstanding/);
    expect(second).toMatch(/answered: https:\/\/example\.org\/reply/);
    expect(second).toMatch(/by console:you/);
  });
});
