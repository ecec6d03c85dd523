import { FixedWindowLimiter } from './fixed-window-limiter';

describe('FixedWindowLimiter', () => {
  let now = 0;
  const sut = () => new FixedWindowLimiter(3, 60_000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows the limit per key and window, then says how long to wait', () => {
    const limiter = sut();
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    now += 15_000;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('opens a fresh window once the old one is over', () => {
    const limiter = sut();
    for (let i = 0; i < 5; i += 1) limiter.take('a');
    now += 60_000;
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('never asks to wait less than a second', () => {
    const limiter = sut();
    for (let i = 0; i < 3; i += 1) limiter.take('a');
    now += 59_999;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
