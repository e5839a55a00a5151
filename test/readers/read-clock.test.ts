import { afterEach, describe, expect, it } from 'vitest';
import { ReadTimeLimitExceeded, startReadClock, stopReadClock, tickReadClock } from '../../src/readers/read-clock.js';

afterEach(() => {
  stopReadClock();
});

/** A clock that moves one millisecond each time it is read. */
function steppingClock(): () => number {
  let t = 0;
  return () => t++;
}

describe('read clock', () => {
  it('lets a unit tick freely within its limit', () => {
    startReadClock(1_000_000, steppingClock());
    for (let i = 0; i < 100_000; i++) tickReadClock();
    expect(stopReadClock()).toBe(false);
  });

  it('throws once past the limit, then on every tick, and reports the unit as expired', () => {
    startReadClock(10, steppingClock());
    let thrownAt = -1;
    for (let i = 0; i < 1_000_000 && thrownAt < 0; i++) {
      try {
        tickReadClock();
      } catch (e) {
        expect(e).toBeInstanceOf(ReadTimeLimitExceeded);
        expect((e as Error).message).toBe('reading took longer than 0.01 s');
        thrownAt = i;
      }
    }
    // The clock is looked at every 1024 ticks; ten looks pass before the eleventh finds the deadline gone.
    expect(thrownAt).toBe(11 * 1024 - 1);
    expect(() => tickReadClock()).toThrow(ReadTimeLimitExceeded);
    expect(stopReadClock()).toBe(true);
  });

  it('reports a unit that ran past its limit between two looks', () => {
    const clock = steppingClock();
    startReadClock(5, clock);
    for (let i = 0; i < 10; i++) clock();
    expect(stopReadClock()).toBe(true);
  });

  it('does nothing when no unit is being timed', () => {
    stopReadClock();
    for (let i = 0; i < 5000; i++) tickReadClock();
    expect(stopReadClock()).toBe(false);
  });
});
