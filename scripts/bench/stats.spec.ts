import { ratio, runConcurrently, summarise } from './stats';

describe('summarise', () => {
  it('gives nearest-rank percentiles', () => {
    const sut = summarise(Array.from({ length: 100 }, (_, i) => 100 - i));
    expect(sut).toMatchObject({ samples: 100, p50: 50, p95: 95, p99: 99, max: 100, mean: 50.5 });
  });

  it('lets what never arrived dominate the tail', () => {
    const sut = summarise([...Array<number>(98).fill(10), Infinity, Infinity]);
    expect(sut.p95).toBe(10);
    expect(sut.p99).toBe(Infinity);
  });
});

describe('runConcurrently', () => {
  it('runs every item once with at most the given number in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await runConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(item);
      inFlight--;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });
});

it('ratio rounds to two decimals', () => {
  expect(ratio(2, 3)).toBe(0.67);
});
