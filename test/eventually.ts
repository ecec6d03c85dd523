/**
 * Reads every 250 ms until `done` accepts what `read` gives or `timeoutMs` has passed, and gives the last value read
 * either way: the test asserts on it, so that a timeout fails with what was there.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
