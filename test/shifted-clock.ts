// The unit tier's clock moved to another day: with DOORLOOP_FAKE_TODAY=YYYY-MM-DD (optionally THH:mm, Amsterdam wall
// clock; noon when left out) every test runs as if it were then, which finds tests that pass only in the month they
// were written. Only `Date` is faked, and it keeps ticking; timers, nextTick and performance stay real, so nothing
// waits on a clock that stands still. `npm run test:unit:shifted` picks the day (scripts/test-unit-shifted.js).
import { amsterdam } from '../libs/domain/test/calendar-oracle';

const shiftedTo = process.env.DOORLOOP_FAKE_TODAY;
if (shiftedTo) {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(shiftedTo);
  if (!match) throw new Error(`DOORLOOP_FAKE_TODAY=${shiftedTo}: write a date, YYYY-MM-DD, or YYYY-MM-DDTHH:mm`);
  jest.useFakeTimers({
    now: amsterdam(match[1], match[2] ?? '12:00'),
    advanceTimers: true,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}
