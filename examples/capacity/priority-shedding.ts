// Priority load shedding: when the service is busy, low-priority work (batch, prefetch) is shed
// first, standard traffic next, and critical traffic (checkout) keeps going until every slot is
// taken. The priority travels ambiently from the request handler into every call it makes.
import { execute, Priority, PriorityBulkhead, runWithContext, ShedLoadError, BulkheadFullError } from 'resile';

// Default thresholds: low admitted below 50 % utilisation, standard below 80 %, critical below 100 %.
const capacity = new PriorityBulkhead(10, undefined, { name: 'api' });

let release!: () => void;
const busy = new Promise<void>((resolve) => (release = resolve));

// Six standard requests are in progress: utilisation 60 %.
const inProgress = Array.from({ length: 6 }, () => execute(() => busy, { priorityBulkhead: capacity, maxAttempts: 1 }));

async function handle(kind: string, priority: Priority): Promise<string> {
  // A server middleware would set this once per request (e.g. from a header).
  return runWithContext({ priority }, async () => {
    try {
      return await execute(() => `${kind}: served`, { priorityBulkhead: capacity, maxAttempts: 1 });
    } catch (error) {
      if (error instanceof ShedLoadError) return `${kind}: shed (${error.message})`;
      if (error instanceof BulkheadFullError) return `${kind}: full`;
      throw error;
    }
  });
}

console.log(`utilisation ${capacity.active}/${capacity.capacity}`);
console.log(await handle('prefetch (low)', Priority.Low));
console.log(await handle('browse (standard)', Priority.Standard));
console.log(await handle('checkout (critical)', Priority.Critical));
release();
await Promise.all(inProgress);
console.log(`after the rush: ${await handle('prefetch (low)', Priority.Low)}`);
