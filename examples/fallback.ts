// Fallback: when everything else failed (retries exhausted, timeout, open circuit...), serve a
// degraded answer instead of an error.
import { execute } from 'resile';

async function recommendations(userId: string): Promise<string[]> {
  throw new Error(`recommender timed out for ${userId}`);
}

const items = await execute(() => recommendations('u-1'), {
  maxAttempts: 2,
  baseDelay: 5,
  fallback: (error) => {
    console.log(`serving popular items instead (${(error as Error).message})`);
    return ['bestseller-1', 'bestseller-2'];
  },
});
console.log(items);
