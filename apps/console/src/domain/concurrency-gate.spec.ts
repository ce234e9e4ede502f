import { ConcurrencyGate, GateFullError } from './concurrency-gate.js';

describe('concurrency gate', () => {
  it('runs at most `concurrency` jobs at once, queues a bounded number and refuses the rest at once', async () => {
    const gate = new ConcurrencyGate(2, 3, 5);
    let running = 0;
    let peak = 0;
    const releases: (() => void)[] = [];
    const job = () =>
      gate.run(async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((r) => releases.push(r));
        running--;
        return 'ok';
      });
    const accepted = Array.from({ length: 5 }, job);
    const refused = await job().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GateFullError);
    expect((refused as GateFullError).retryAfterSeconds).toBe(5);
    expect([gate.active, gate.queued]).toEqual([2, 3]);
    while (releases.length || gate.active) {
      releases.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(accepted)).toEqual(Array(5).fill('ok'));
    expect(peak).toBe(2);
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it('frees the slot when a job fails', async () => {
    const gate = new ConcurrencyGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run(() => Promise.resolve(1))).toBe(1);
  });
});
