/** Registers a teardown for what `make` has just made; the teardowns run in reverse order of registration. */
export type OnTeardown = (teardown: () => Promise<unknown>) => void;

/**
 * What every test of a describe block shares: made once before them (`beforeAll`) and taken down after them
 * (`afterAll`). `make` registers each teardown as soon as the thing it takes down exists, so that a set-up that fails
 * halfway still takes down what it had made (a stack left running keeps jest from ending). Tests and later hooks read
 * the result through the returned function; reading it before it was made, or after making it failed, throws.
 */
export function forAllTests<T>(make: (onTeardown: OnTeardown) => Promise<T>, timeoutMs?: number): () => T {
  const teardowns: (() => Promise<unknown>)[] = [];
  let made: { value: T } | undefined;
  beforeAll(async () => {
    made = { value: await make((teardown) => teardowns.unshift(teardown)) };
  }, timeoutMs);
  afterAll(async () => {
    // Every teardown runs, even after one has failed; the first failure is reported.
    const failures: unknown[] = [];
    for (const teardown of teardowns.splice(0)) await teardown().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  });
  return () => {
    if (!made) throw new Error('forAllTests: read before its beforeAll made it, or making it failed');
    return made.value;
  };
}
