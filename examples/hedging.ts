// Request hedging: if the first attempt has not answered within 30 ms, a second one starts in
// parallel; the first answer wins and the slow attempt is aborted through its signal.
import { execute } from 'resile';

const latencies = [400, 20]; // the first replica is having a bad moment
async function readReplica(attempt: number, signal: AbortSignal): Promise<string> {
  const ms = latencies[attempt] ?? 20;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    });
  });
  return `replica ${attempt} answered in ${ms} ms`;
}

const started = Date.now();
const answer = await execute(({ attempt, signal }) => readReplica(attempt, signal), { hedgingDelay: 30, maxAttempts: 2 });
console.log(`${answer}; call took ~${Math.round((Date.now() - started) / 10) * 10} ms instead of 400`);
