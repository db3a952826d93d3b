// HealthRegistry handlers served by a real node:http server.
import { describe, expect, it } from 'vitest';
import { HealthRegistry } from '../../../src/adapters/http/index.js';
import { useLoopback } from '../../helpers/http-server.js';

const { serve, clock } = useLoopback();

describe('HealthRegistry.handler', () => {
  it('answers 200 with the JSON report when every required check passes, 503 otherwise', async () => {
    const breaker = { state: 'closed' };
    const registry = new HealthRegistry({ clock })
      .addLiveness({ name: 'event-loop', check: () => undefined })
      .addReadiness({ name: 'payments', breaker })
      .addReadiness({ name: 'db', check: () => new Promise((resolve) => setTimeout(resolve, 2)) });
    const s = await serve((req, res) => {
      registry.handler(req.url === '/livez' ? 'liveness' : 'readiness')(req, res);
    });
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(ready.headers.get('cache-control')).toBe('no-store');
    const report = (await ready.json()) as { ok: boolean; checks: Record<string, { ok: boolean; durationMs: number }> };
    expect(report.ok).toBe(true);
    expect(report.checks.payments).toEqual({ ok: true, durationMs: 0, state: 'closed' });
    expect(report.checks.db?.ok).toBe(true);
    expect(report.checks.db?.durationMs).toBeGreaterThan(0);

    breaker.state = 'open';
    const notReady = await fetch(`${s.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: unknown }).checks).toMatchObject({ payments: { ok: false, error: 'circuit open' } });

    // The process is still alive: liveness does not look at dependencies.
    const live = await fetch(`${s.url}/livez`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ ok: true, checks: { 'event-loop': { ok: true } } });
  });

  it('answers HEAD without a body', async () => {
    const registry = new HealthRegistry({ clock }).addStartup({
      name: 'warm-up',
      check: () => {
        throw new Error('cold');
      },
    });
    const s = await serve(registry.handler('startup'));
    const response = await fetch(s.url, { method: 'HEAD' });
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('');
  });
});
