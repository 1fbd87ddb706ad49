// When the language server loads the fact base again (server/src/factReloads.ts), on the
// node test runner's mocked timers: edits typed into a fact file wait for a pause as long as
// the last load took; other changes load on the next turn; one load runs at a time.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { FactReloads, MAX_WAIT_MS } from '../../server/src/factReloads';

describe('fact base reloads', () => {
  let clock: number;
  let loads: number;
  /** A load that takes `loadMs` on the fake clock. */
  const reloads = (loadMs: number) =>
    new FactReloads(
      async () => {
        loads++;
        clock += loadMs;
      },
      () => clock,
    );
  /** Reloads whose first load, of `loadMs`, is done. */
  const afterFirstLoad = async (loadMs: number) => {
    const r = reloads(loadMs);
    r.soon();
    await tick(0);
    assert.equal(loads, 1);
    return r;
  };
  /** Loads that run until `load.finish()`; `load.started` counts those begun. */
  const heldLoads = () => {
    const load = { started: 0, finish: () => {} };
    const r = new FactReloads(
      () =>
        new Promise<void>((resolve) => {
          load.started++;
          load.finish = resolve;
        }),
      () => clock,
    );
    return { r, load };
  };
  /** Lets settled promises run on, so that what they schedule is due; then advances the mocked timers, and lets them run on again. */
  const tick = async (ms: number) => {
    const settle = async () => {
      for (let i = 0; i < 10; i++) await Promise.resolve();
    };
    await settle();
    clock += ms;
    mock.timers.tick(ms);
    await settle();
  };

  beforeEach(() => {
    clock = 0;
    loads = 0;
    mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  });
  afterEach(() => mock.timers.reset());

  test('with a base that loads at once, a typed edit loads on the next turn', async () => {
    const r = reloads(0);
    r.afterTyping();
    assert.equal(loads, 0);
    await tick(0);
    assert.equal(loads, 1);
  });

  test('after a slow load, typing loads once, when it pauses as long as that load took', async () => {
    const r = await afterFirstLoad(400);
    for (let i = 0; i < 10; i++) {
      r.afterTyping();
      await tick(150);
    }
    assert.equal(loads, 1, 'no load while keystrokes come every 150 ms');
    await tick(250);
    assert.equal(loads, 2, 'one load 400 ms after the last keystroke');
    await tick(5000);
    assert.equal(loads, 2);
  });

  test('a typed edit waits at most MAX_WAIT_MS for a pause, however slow the last load was', async () => {
    const r = await afterFirstLoad(60_000);
    r.afterTyping();
    await tick(MAX_WAIT_MS - 1);
    assert.equal(loads, 1);
    await tick(1);
    assert.equal(loads, 2);
  });

  test('another change loads on the next turn and takes the waiting typed edit along', async () => {
    const r = await afterFirstLoad(400);
    r.afterTyping();
    r.soon();
    r.afterTyping(); // a keystroke while that load is due changes nothing: it reads the newest text
    await tick(0);
    assert.equal(loads, 2);
    await tick(5000);
    assert.equal(loads, 2, 'the typed edit was loaded along, not again later');
  });

  test('typing that paused while a load ran loads when that pause is long enough, not a whole wait after the load', async () => {
    const { r, load } = heldLoads();
    r.soon();
    await tick(0);
    await tick(100);
    r.afterTyping(); // at 100 ms, while the first load runs
    await tick(900);
    load.finish(); // the load took 1000 ms: typing must pause until 1100 ms
    await tick(99);
    assert.equal(load.started, 1);
    await tick(1);
    assert.equal(load.started, 2);
    load.finish();
  });

  test('changes during a load wait for it to end, then load once', async () => {
    const { r, load } = heldLoads();
    r.soon();
    await tick(0);
    assert.equal(load.started, 1);
    r.soon();
    r.afterTyping();
    r.soon();
    await tick(1000);
    assert.equal(load.started, 1, 'no second load while the first runs');
    load.finish();
    await tick(0);
    assert.equal(load.started, 2, 'one load for the changes that came in meanwhile');
    load.finish();
    await tick(5000);
    assert.equal(load.started, 2);
  });
});
