import type { RegionEntity } from '@doorloop/persistence';
import { ProblemError } from '../http/problem';
import { regionPolicy } from './region-policy';

const region = (timingPolicy: Record<string, unknown> | null) =>
  ({ id: 'r-1', code: 'test', name: 'Demo Testregio', timingPolicy }) as RegionEntity;

describe('regionPolicy', () => {
  it("runs a region's continuity override: the changed entries, the rest as DOMAIN.md's defaults", () => {
    const sut = regionPolicy(
      region({
        version: 'region-continuity-1',
        continuity: { 'continuation-decision': { offset: '-P6M' }, 'safety-net': { due: { offset: 'P2W' } } },
      }),
    );
    expect(sut.version).toBe('region-continuity-1');
    expect(sut.continuity?.['continuation-decision']).toEqual({
      offset: '-P6M',
      due: { relativeTo: 'fire', offset: 'P4W' },
    });
    expect(sut.continuity?.['safety-net']).toEqual({ due: { relativeTo: 'fire', offset: 'P2W' } });
    expect(sut.continuity?.['find-receiver']).toEqual({
      due: { relativeTo: 'fire', offset: 'P5D' },
      workingDays: true,
    });
    expect(sut.continuity?.lateDue).toBe('P14D');
  });

  it('refuses a region whose continuity override is invalid, naming the field', () => {
    const invalid = region({ version: 'region-continuity-2', continuity: { lateDue: '-P1D' } });
    expect(() => regionPolicy(invalid)).toThrow(ProblemError);
    expect(() => regionPolicy(invalid)).toThrow(/continuity\.lateDue/);
  });
});
