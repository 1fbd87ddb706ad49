// When the language server loads the fact base again (server/src/factReloads.ts), on the
// node test runner's mocked timers: edits typed into a fact file wait for a pause as long as
// the last load took; other changes load on the next turn.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import { FactReloads, MAX_WAIT_MS } from '../../server/src/factReloads';

describe('fact base reloads', () => {
  let clock: number;
  let loads: number;
  /** A load that takes `loadMs` on the fake clock. */
  const reloads = (loadMs: number) =>
    new FactReloads(
      () => {
        loads++;
        clock += loadMs;
      },
      () => clock,
    );

  beforeEach(() => {
    clock = 0;
    loads = 0;
    mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  });
  afterEach(() => mock.timers.reset());

  test('with a base that loads at once, a typed edit loads on the next turn', () => {
    const r = reloads(0);
    r.afterTyping();
    assert.equal(loads, 0);
    mock.timers.tick(0);
    assert.equal(loads, 1);
  });

  test('after a slow load, typing loads once, when it pauses as long as that load took', () => {
    const r = reloads(400);
    r.soon();
    mock.timers.tick(0);
    assert.equal(loads, 1);
    for (let i = 0; i < 10; i++) {
      r.afterTyping();
      mock.timers.tick(150);
    }
    assert.equal(loads, 1, 'no load while keystrokes come every 150 ms');
    mock.timers.tick(250);
    assert.equal(loads, 2, 'one load 400 ms after the last keystroke');
    mock.timers.tick(5000);
    assert.equal(loads, 2);
  });

  test('a typed edit waits at most MAX_WAIT_MS for a pause, however slow the last load was', () => {
    const r = reloads(60_000);
    r.soon();
    mock.timers.tick(0);
    r.afterTyping();
    mock.timers.tick(MAX_WAIT_MS - 1);
    assert.equal(loads, 1);
    mock.timers.tick(1);
    assert.equal(loads, 2);
  });

  test('another change loads on the next turn and takes the waiting typed edit along', () => {
    const r = reloads(400);
    r.soon();
    mock.timers.tick(0);
    r.afterTyping();
    r.soon();
    r.afterTyping(); // a keystroke while that load is due changes nothing: it reads the newest text
    mock.timers.tick(0);
    assert.equal(loads, 2);
    mock.timers.tick(5000);
    assert.equal(loads, 2, 'the typed edit was loaded along, not again later');
  });
});
