// One bulkhead shared by every call site that uses the same scarce resource (here: a database
// pool of 3 connections). Calls beyond 3 wait in a small queue; beyond that they fail fast with
// BulkheadFullError, and the fallback answers instead of piling up on the database.
import { Bulkhead, BulkheadFullError, execute } from 'resile';

const db = new Bulkhead(3, { queue: 2, queueTimeout: 1000, name: 'db-pool' });

const query = (what: string): Promise<string> =>
  new Promise((resolve) => {
    setTimeout(() => {
      resolve(what);
    }, 40);
  });

// Two different call sites, one shared bulkhead.
const getUser = (id: number): Promise<string> =>
  execute(() => query(`user ${id}`), { bulkhead: db, maxAttempts: 1, fallback: (e) => (e instanceof BulkheadFullError ? `user ${id}: busy, try later` : Promise.reject(e)) });
const listOrders = (id: number): Promise<string> =>
  execute(() => query(`orders of ${id}`), { bulkhead: db, maxAttempts: 1, fallback: () => `orders of ${id}: busy, try later` });

const calls = [getUser(1), listOrders(1), getUser(2), listOrders(2), getUser(3), listOrders(3), getUser(4), listOrders(4)];
console.log(`right after the burst: active=${db.active} queued=${db.queued} available=${db.available}`);
for (const line of await Promise.all(calls)) console.log(`  ${line}`);
console.log(`afterwards: active=${db.active} queued=${db.queued}`);
