import { describe, expect, it, vi } from 'vitest';
import { isNoScript, isRedisClient, scriptRunner, type IoRedisLike, type NodeRedisLike } from './client.js';

const script = { source: 'return 1', sha: 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db' };
const noScript = (): Promise<never> => Promise.reject(new Error('NOSCRIPT No matching script. Please use EVAL.'));

describe('scriptRunner', () => {
  it('drives ioredis by evalsha, and reloads by eval when the server lost the script', async () => {
    const io: IoRedisLike = { evalsha: vi.fn(noScript), eval: vi.fn(() => Promise.resolve(1)) };
    await expect(scriptRunner(io)(script, ['k'], ['a', 'b'], (r) => r)).resolves.toBe(1);
    expect(io.evalsha).toHaveBeenCalledWith(script.sha, 1, 'k', 'a', 'b');
    expect(io.eval).toHaveBeenCalledWith('return 1', 1, 'k', 'a', 'b');
  });

  it('drives node-redis by sendCommand, with the same reload', async () => {
    const sent: string[][] = [];
    const node: NodeRedisLike = { sendCommand: (args) => (sent.push(args), args[0] === 'EVALSHA' ? noScript() : Promise.resolve(1)) };
    await expect(scriptRunner(node)(script, ['k'], ['a'], (r) => r)).resolves.toBe(1);
    expect(sent).toEqual([
      ['EVALSHA', script.sha, '1', 'k', 'a'],
      ['EVAL', 'return 1', '1', 'k', 'a'],
    ]);
  });

  it('passes other errors on (the store turns them into an outage)', async () => {
    const io: IoRedisLike = { evalsha: () => Promise.reject(new Error('Connection is closed.')), eval: vi.fn() };
    await expect(scriptRunner(io)(script, [], [], (r) => r)).rejects.toThrow('Connection is closed.');
    expect(io.eval).not.toHaveBeenCalled();
  });

  it('recognises clients and NOSCRIPT errors', () => {
    expect(isRedisClient({ sendCommand: () => undefined })).toBe(true);
    expect(isRedisClient({ evalsha: () => undefined, eval: () => undefined })).toBe(true);
    expect(isRedisClient({ get: () => undefined })).toBe(false);
    expect(isRedisClient(null)).toBe(false);
    expect(isNoScript(new Error('NOSCRIPT x'))).toBe(true);
    expect(isNoScript('NOSCRIPT')).toBe(false);
  });
});
