import { addDaysToLocalDate, computeSchedule, type TrajectoryFacts } from '@doorloop/domain';
import { fireLagPolicy, regionTimingPolicy, spreadingInterval } from './fire-lag';

describe('spreadingInterval', () => {
  it('shares no factor with a day', () => {
    expect(spreadingInterval(20)).toBe(23);
    expect(spreadingInterval(30)).toBe(31);
    expect(spreadingInterval(2000)).toBe(2003);
  });

  it('spreads series started on consecutive days over as many distinct phases', () => {
    const interval = spreadingInterval(20);
    const policy = regionTimingPolicy(fireLagPolicy(interval));
    const now = Date.UTC(2026, 10, 23, 12);
    const phases = new Set<number>();
    for (let day = 1; day <= interval; day++) {
      const facts: TrajectoryFacts = {
        birthDate: '2012-06-15',
        startedOn: now,
        coordinatorOrganisationId: 'c',
        municipalityCode: 'GM0001',
        partners: [],
        placements: [
          {
            id: 'p',
            type: 'open-residential',
            startDate: addDaysToLocalDate('2026-11-23', -day),
            providerOrganisationId: 'y',
          },
        ],
        courtMeasures: [],
        pauses: [],
      };
      const next = computeSchedule(facts, policy, now).find((o) => o.status === 'upcoming');
      phases.add(((next?.fireAt ?? 0) / 1000) % interval);
    }
    expect(phases.size).toBe(interval);
  });
});
