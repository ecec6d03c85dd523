import { countTransfers, type Placement } from './trajectory-facts';

const placement = (id: string): Placement => ({
  id,
  type: 'foster-family',
  startDate: '2026-01-01',
  providerOrganisationId: 'org-care',
});

describe('countTransfers', () => {
  it('counts every change of placement: the number of placements minus one', () => {
    expect(countTransfers([])).toBe(0);
    expect(countTransfers([placement('a')])).toBe(0);
    expect(countTransfers([placement('a'), placement('b')])).toBe(1);
    expect(countTransfers([placement('a'), placement('b'), placement('c'), placement('d')])).toBe(3);
  });
});
