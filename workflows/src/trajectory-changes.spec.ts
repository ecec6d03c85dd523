import { startOfLocalDay, type TrajectoryFacts, DEFAULT_TIME_ZONE } from '@doorloop/domain';
import {
  changeMunicipality,
  changePlacement,
  chooseReceiver,
  recordContinuation,
  reopen,
  setLegalBases,
  type ChangeClock,
  type ChangeOutcome,
  close,
  correctBirthDate,
  partnerJoined,
  partnerLeft,
  pause,
  recordCourtMeasure,
  recordMissingEpisode,
  recordReturn,
  recordTreatmentStart,
  resume,
  statusOf,
} from './trajectory-changes';
import type { PlacementChange } from './updates';

const zone = DEFAULT_TIME_ZONE;
const noon = (date: string) => startOfLocalDay(date, zone) + 12 * 3_600_000;
const clock: ChangeClock = { now: noon('2026-11-23'), zone };

const facts: TrajectoryFacts = {
  birthDate: '2009-05-31',
  startedOn: noon('2026-06-01'),
  coordinatorOrganisationId: 'org-coordinator',
  municipalityCode: 'GM9901',
  partners: [{ organisationId: 'org-police', role: 'police' }],
  placements: [
    { id: 'P-1', type: 'closed', startDate: '2026-05-31', providerOrganisationId: 'org-care' },
    { id: 'P-0', type: 'ambulant', startDate: '2025-01-01', endDate: '2026-05-30', providerOrganisationId: 'org-x' },
  ],
  courtMeasures: [{ id: 'M-1', type: 'ots', startDate: '2026-03-01', endDate: '2027-03-01' }],
  pauses: [],
};

function factsOf(outcome: ChangeOutcome): TrajectoryFacts {
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.errors)}`);
  return outcome.facts;
}
function pathsOf(outcome: ChangeOutcome): string[] {
  if (outcome.ok) throw new Error('accepted');
  return outcome.errors.map((e) => e.path);
}

describe('changePlacement', () => {
  const next: PlacementChange = {
    placement: { id: 'P-2', type: 'open-residential', startDate: '2026-10-01', providerOrganisationId: 'org-open' },
  };

  it('ends the running placement the day before the new one starts and adds the new one', () => {
    const after = factsOf(changePlacement(facts, next, clock));
    expect(after.placements.map((p) => [p.id, p.endDate])).toEqual([
      ['P-1', '2026-09-30'],
      ['P-0', '2026-05-30'],
      ['P-2', undefined],
    ]);
  });

  it('gives a placement that started the same day one day, not an end before its start', () => {
    const same = { placement: { ...next.placement, startDate: '2026-05-31' } };
    expect(factsOf(changePlacement(facts, same, clock)).placements[0].endDate).toBe('2026-05-31');
  });

  it('refuses a start before the current placement, naming the payload field', () => {
    const early = { placement: { ...next.placement, startDate: '2026-05-01' } };
    expect(pathsOf(changePlacement(facts, early, clock))).toEqual(['placement.startDate']);
  });

  it('refuses what validateFacts refuses, with paths relative to the payload', () => {
    const bad = { placement: { ...next.placement, id: 'P-1', endDate: '2026-09-01', type: 'castle' } };
    expect(pathsOf(changePlacement(facts, bad as PlacementChange, clock)).sort()).toEqual([
      'placement.endDate',
      'placement.id',
      'placement.type',
    ]);
  });

  it('keeps only the known fields of a placement', () => {
    const smuggled = { placement: { ...next.placement, name: 'not a fact' } } as PlacementChange;
    expect(Object.keys(factsOf(changePlacement(facts, smuggled, clock)).placements[2]).sort()).toEqual([
      'id',
      'providerOrganisationId',
      'startDate',
      'type',
    ]);
  });

  it('refuses a payload without a placement', () => {
    expect(pathsOf(changePlacement(facts, {} as PlacementChange, clock))).toEqual(['placement']);
  });
});

describe('recordCourtMeasure', () => {
  it('adds a new measure and replaces one with the same id', () => {
    const added = factsOf(
      recordCourtMeasure(
        facts,
        { courtMeasure: { id: 'M-2', type: 'custody-order', startDate: '2026-06-01', endDate: '2027-06-01' } },
        clock,
      ),
    );
    expect(added.courtMeasures.map((m) => m.id)).toEqual(['M-1', 'M-2']);
    const extended = factsOf(
      recordCourtMeasure(
        facts,
        { courtMeasure: { id: 'M-1', type: 'ots', startDate: '2026-03-01', endDate: '2028-03-01' } },
        clock,
      ),
    );
    expect(extended.courtMeasures).toEqual([
      { id: 'M-1', type: 'ots', startDate: '2026-03-01', endDate: '2028-03-01' },
    ]);
  });

  it('refuses a change of type, a change to nothing, and an end before the start', () => {
    const base = { id: 'M-1', type: 'ots' as const, startDate: '2026-03-01', endDate: '2027-03-01' };
    expect(pathsOf(recordCourtMeasure(facts, { courtMeasure: { ...base, type: 'custody-order' } }, clock))).toEqual([
      'courtMeasure.type',
    ]);
    expect(pathsOf(recordCourtMeasure(facts, { courtMeasure: base }, clock))).toEqual(['courtMeasure']);
    expect(pathsOf(recordCourtMeasure(facts, { courtMeasure: { ...base, endDate: '2026-01-01' } }, clock))).toEqual([
      'courtMeasure.endDate',
    ]);
  });
});

describe('correctBirthDate and changeMunicipality', () => {
  it('apply a real change and refuse none, a future date, a date after a placement start or a bad code', () => {
    expect(factsOf(correctBirthDate(facts, { birthDate: '2009-08-20' }, clock)).birthDate).toBe('2009-08-20');
    expect(pathsOf(correctBirthDate(facts, { birthDate: facts.birthDate }, clock))).toEqual(['birthDate']);
    expect(pathsOf(correctBirthDate(facts, { birthDate: '2026-12-01' }, clock))).toContain('birthDate');
    expect(pathsOf(correctBirthDate(facts, { birthDate: '2025-02-01' }, clock))).toEqual(['placements[1].startDate']);
    expect(factsOf(changeMunicipality(facts, { municipalityCode: 'GM9902' }, clock)).municipalityCode).toBe('GM9902');
    expect(pathsOf(changeMunicipality(facts, { municipalityCode: 'GM9901' }, clock))).toEqual(['municipalityCode']);
    expect(pathsOf(changeMunicipality(facts, { municipalityCode: 'Amsterdam' }, clock))).toEqual(['municipalityCode']);
  });

  it('do not let a problem that time brought block an unrelated change', () => {
    // Registered at 26: by now the date of birth is more than 27 years ago, which validateFacts refuses.
    const old = { ...facts, birthDate: '1999-06-01', placements: [] };
    expect(factsOf(changeMunicipality(old, { municipalityCode: 'GM9902' }, clock)).municipalityCode).toBe('GM9902');
  });
});

describe('partners', () => {
  const school = { organisationId: 'org-school', role: 'school' as const };
  it('join when absent and leave when present', () => {
    const joined = factsOf(partnerJoined(facts, { partner: school }, clock));
    expect(joined.partners).toEqual([...facts.partners, school]);
    expect(factsOf(partnerLeft(joined, { partner: school }, clock)).partners).toEqual(facts.partners);
  });
  it('refuse to join twice, to leave when absent, and an unknown role', () => {
    expect(pathsOf(partnerJoined(facts, { partner: facts.partners[0] }, clock))).toEqual(['partner']);
    expect(pathsOf(partnerLeft(facts, { partner: school }, clock))).toEqual(['partner']);
    expect(
      pathsOf(partnerJoined(facts, { partner: { organisationId: 'org-x', role: 'baker' as 'school' } }, clock)),
    ).toEqual(['partner.role']);
  });
});

describe('pause, resume and close', () => {
  it('pause from now, resume at now, close today at now', () => {
    const paused = factsOf(pause(facts, clock));
    expect(paused.pauses).toEqual([{ from: clock.now }]);
    expect(statusOf(paused)).toBe('paused');
    const later = { ...clock, now: clock.now + 60_000 };
    const resumed = factsOf(resume(paused, later));
    expect(resumed.pauses).toEqual([{ from: clock.now, to: later.now }]);
    expect(statusOf(resumed)).toBe('active');
    const closed = factsOf(close(resumed, { date: '2026-11-23' }, later));
    expect(closed.closure).toEqual({ date: '2026-11-23', at: later.now });
    expect(statusOf(closed)).toBe('closed');
  });

  it('a closure dated earlier counts from the start of that date', () => {
    expect(factsOf(close(facts, { date: '2026-11-01' }, clock)).closure).toEqual({ date: '2026-11-01' });
  });

  it('refuse to pause twice, resume when running, close twice, close while paused, pause when closed', () => {
    const paused = factsOf(pause(facts, clock));
    expect(pathsOf(pause(paused, clock))).toEqual(['pauses']);
    expect(pathsOf(resume(facts, clock))).toEqual(['pauses']);
    expect(pathsOf(close(paused, { date: '2026-11-23' }, clock))).toEqual(['date']);
    const closed = factsOf(close(facts, { date: '2026-11-23' }, clock));
    expect(pathsOf(close(closed, { date: '2026-11-23' }, clock))).toEqual(['date']);
    expect(pathsOf(pause(closed, clock))).toEqual(['closure']);
  });

  it('refuse a closure in the future or before the trajectory started', () => {
    expect(pathsOf(close(facts, { date: '2026-11-24' }, clock))).toEqual(['date']);
    expect(pathsOf(close(facts, { date: '2026-05-01' }, clock))).toEqual(['date']);
  });
});

describe('Continuity at 18 changes', () => {
  it('a continuation decision is recorded at the clock, and its basis starts on the 18th birthday', () => {
    const after = factsOf(
      recordContinuation(
        facts,
        { continuation: 'same-provider', basis: 'verlengde-jeugdhulp', providerOrganisationId: 'org-care' },
        clock,
      ),
    );
    expect(after.continuation).toEqual({
      continuation: 'same-provider',
      basis: 'verlengde-jeugdhulp',
      providerOrganisationId: 'org-care',
      decidedAt: clock.now,
    });
    expect(after.legalBases).toEqual([
      { basis: 'verlengde-jeugdhulp', providerOrganisationId: 'org-care', from: '2027-05-31' },
    ]);
  });

  it('refuses a decision that does not add up, naming the payload field', () => {
    expect(pathsOf(recordContinuation(facts, { continuation: 'declined', basis: 'wmo' }, clock))).toEqual(['basis']);
    expect(pathsOf(recordContinuation(facts, { continuation: 'new-provider', basis: 'wmo' }, clock))).toEqual([
      'providerOrganisationId',
    ]);
  });

  it('replaces the legal bases, refusing an overlap and verlengde-jeugdhulp after 23 with their paths', () => {
    const wmo = { basis: 'wmo' as const, providerOrganisationId: 'org-bw', from: '2027-06-01' };
    expect(factsOf(setLegalBases(facts, { legalBases: [wmo] }, clock)).legalBases).toEqual([wmo]);
    expect(pathsOf(setLegalBases(facts, { legalBases: [wmo, { ...wmo, from: '2027-07-01' }] }, clock))).toEqual([
      'legalBases[1].from',
    ]);
    const after23 = {
      basis: 'verlengde-jeugdhulp' as const,
      providerOrganisationId: 'org-care',
      from: '2027-05-31',
      until: '2032-06-01',
    };
    expect(pathsOf(setLegalBases(facts, { legalBases: [after23] }, clock))).toEqual(['legalBases[0].until']);
  });

  it('a chosen receiver is recorded at the clock; an empty one is refused', () => {
    expect(factsOf(chooseReceiver(facts, { receivingOrganisationId: 'org-ggz' }, clock)).receiverChoices).toEqual([
      { receivingOrganisationId: 'org-ggz', at: clock.now },
    ]);
    expect(pathsOf(chooseReceiver(facts, { receivingOrganisationId: '' }, clock))).toEqual(['receivingOrganisationId']);
  });

  it('reopens a closed trajectory only, on or after its closure and not in the future', () => {
    const closed = factsOf(close(facts, { date: '2026-11-01' }, clock));
    expect(pathsOf(reopen(facts, { date: '2026-11-20' }, clock))).toEqual(['date']);
    expect(pathsOf(reopen(closed, { date: '2026-10-31' }, clock))).toEqual(['date']);
    expect(pathsOf(reopen(closed, { date: '2026-11-24' }, clock))).toEqual(['date']);
    const after = factsOf(reopen(closed, { date: '2026-11-20' }, clock));
    expect(after.closure).toBeUndefined();
    expect(after.reopenings).toEqual([{ date: '2026-11-20', at: clock.now, closedOn: '2026-11-01' }]);
    expect(statusOf(after)).toBe('active');
  });

  it('a municipality change with the new municipality replaces the Wmo partner', () => {
    const withWmo = {
      ...facts,
      partners: [...facts.partners, { organisationId: 'org-wmo-old', role: 'wmo' as const }],
    };
    const after = factsOf(
      changeMunicipality(withWmo, { municipalityCode: 'GM9902', wmoOrganisationId: 'org-wmo-new' }, clock),
    );
    expect(after.partners).toEqual([
      { organisationId: 'org-police', role: 'police' },
      { organisationId: 'org-wmo-new', role: 'wmo' },
    ]);
    expect(factsOf(changeMunicipality(withWmo, { municipalityCode: 'GM9902' }, clock)).partners).toEqual(
      withWmo.partners,
    );
  });
});

describe('issue 13: treatment, missing episodes and pause reasons', () => {
  const paths = (outcome: ChangeOutcome) => (outcome.ok ? [] : outcome.errors.map((e) => `${e.path} ${e.code}`));
  const withPlacement: TrajectoryFacts = {
    ...facts,
    placements: [{ id: 'P', type: 'closed', startDate: '2026-10-01', providerOrganisationId: 'org-closed' }],
  };

  it('records when treatment started; an unknown placement or a date in the future is refused', () => {
    const done = recordTreatmentStart(withPlacement, { placementId: 'P', treatmentStartDate: '2026-11-01' }, clock);
    expect(done.ok && done.facts.placements[0].treatmentStartDate).toBe('2026-11-01');
    expect(
      paths(recordTreatmentStart(withPlacement, { placementId: 'X', treatmentStartDate: '2026-11-01' }, clock)),
    ).toEqual(['placementId invalid-value']);
    expect(
      paths(recordTreatmentStart(withPlacement, { placementId: 'P', treatmentStartDate: '2026-11-24' }, clock)),
    ).toEqual(['treatmentStartDate in-future']);
  });

  it('records a missing episode at now, refuses a second while she is missing, and closes it on her return', () => {
    const since = clock.now - 3_600_000;
    const missing = recordMissingEpisode(facts, { id: 'E', since, policeReportMade: true }, clock);
    expect(missing.ok && missing.facts.missingEpisodes).toEqual([
      { id: 'E', since, recordedAt: clock.now, policeReportMade: true },
    ]);
    if (!missing.ok) return;
    expect(paths(recordMissingEpisode(missing.facts, { id: 'F', since, policeReportMade: false }, clock))).toEqual([
      'since already-missing',
    ]);
    const back = recordReturn(missing.facts, { episodeId: 'E' }, clock);
    expect(back.ok && back.facts.missingEpisodes?.[0].returnedAt).toBe(clock.now);
    if (!back.ok) return;
    expect(paths(recordReturn(back.facts, { episodeId: 'E' }, clock))).toEqual(['episodeId already-returned']);
    expect(paths(recordReturn(back.facts, { episodeId: 'X' }, clock))).toEqual(['episodeId invalid-value']);
  });

  it('keeps a pause reason; refuses one that is not on the list', () => {
    const paused = pause(facts, clock, { reason: 'hospital' });
    expect(paused.ok && paused.facts.pauses.at(-1)).toEqual({ from: clock.now, reason: 'hospital' });
    expect(paths(pause(facts, clock, { reason: 'missing' } as never))).toEqual(['reason invalid-value']);
    const old = pause(facts, clock);
    expect(old.ok && old.facts.pauses.at(-1)).toEqual({ from: clock.now });
  });
});
