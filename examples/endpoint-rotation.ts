// Stateful retries: each attempt knows its number and the previous error, so it can rotate to
// the next endpoint instead of hammering the one that just failed.
import { execute } from 'resile';

const endpoints = ['https://eu.api.example', 'https://us.api.example', 'https://ap.api.example'];
const down = new Set(['https://eu.api.example', 'https://us.api.example']);

async function call(endpoint: string): Promise<string> {
  if (down.has(endpoint)) throw new Error(`${endpoint} is unreachable`);
  return `served by ${endpoint}`;
}

const result = await execute(
  ({ attempt, lastError }) => {
    const endpoint = endpoints[attempt % endpoints.length] as string;
    if (lastError !== undefined) console.log(`attempt ${attempt}: previous failed (${(lastError as Error).message}), trying ${endpoint}`);
    return call(endpoint);
  },
  { maxAttempts: 3, baseDelay: 5 },
);
console.log(result);
