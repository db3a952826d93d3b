// Basic retry: a flaky call is retried with exponential backoff and full jitter.
import { execute } from 'resile';

let calls = 0;
async function flakyGetUser(id: string): Promise<{ id: string; name: string }> {
  calls++;
  if (calls < 3) throw new Error(`connection reset (call ${calls})`);
  return { id, name: 'Ada' };
}

const user = await execute(() => flakyGetUser('42'), { maxAttempts: 5, baseDelay: 20 });
console.log(`got ${user.name} after ${calls} calls`);
