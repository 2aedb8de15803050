import { describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/commands/sandbox.js';
import { demoOrders } from '../../src/sandbox/index.js';
import { captureIo } from '../helpers/io.js';
import { basic, http } from './helpers.js';

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('smsmatch sandbox command', () => {
  it('prints working URLs and credentials, serves the demo orders, and stops on abort with 0', async () => {
    const controller = new AbortController();
    const io = { ...captureIo(), signal: controller.signal };

    const running = runSandbox({ json: true }, io);
    await waitFor(() => io.out().includes('\n'));
    const info = JSON.parse(io.out());
    const orders = await http(`${info.wcBase}/orders?status=pending,on-hold,failed&per_page=100`, { headers: { Authorization: basic(info.consumerKey, info.consumerSecret) } });
    const health = await http(`${info.dropboxUrl}/health`, { headers: { Authorization: `Bearer ${info.dropboxToken}` } });
    controller.abort();

    expect(await running).toBe(0);
    expect(orders.json).toHaveLength(10);
    expect(health.status).toBe(200);
    expect(info.smssyncSecret).toMatch(/^[0-9a-f]{16}$/);
  });

  it('prints a readable banner', async () => {
    const controller = new AbortController();
    const io = { ...captureIo(), signal: controller.signal };

    const running = runSandbox({}, io);
    await waitFor(() => io.out().includes('Ctrl+C'));
    controller.abort();

    expect(await running).toBe(0);
    expect(io.out()).toMatch(/Sandbox shop running at http:\/\/127\.0\.0\.1:\d+ \(10 open demo orders/);
    expect(io.out()).toMatch(/consumer secret\s+cs_[0-9a-f]{40}/);
  });

  it('rejects a bad port', async () => {
    await expect(runSandbox({ port: 70000 }, captureIo())).rejects.toThrow(/--port must be/);
  });
});

describe('demoOrders', () => {
  it('gives 6-10 open KES orders created before now, with unique ids', () => {
    const now = new Date('2026-08-28T12:00:00Z');

    const orders = demoOrders(now);

    expect(orders.length).toBeGreaterThanOrEqual(6);
    expect(orders.length).toBeLessThanOrEqual(10);
    expect(new Set(orders.map((o) => o.id)).size).toBe(orders.length);
    for (const o of orders) {
      expect(['pending', 'on-hold', 'failed']).toContain(o.status);
      expect(Date.parse(o.createdAt)).toBeLessThan(now.getTime());
    }
  });
});
