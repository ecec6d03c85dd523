import { DEFAULT_CONTINUITY } from './continuity-policy';
import { DEFAULT_POLICY } from './default-policy';
import { validatePolicy } from './validate-policy';

const REMOVE = Symbol('remove');

/**
 * The default policy as plain JSON, as a region's stored policy would be, with changes at dotted paths
 * (`milestones.handover.offset`); the value REMOVE deletes the field.
 */
function policyJson(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const json = JSON.parse(JSON.stringify(DEFAULT_POLICY)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    const parent = keys.reduce((node, key) => node[key] as Record<string, unknown>, json);
    if (value === REMOVE) delete parent[last];
    else parent[last] = value;
  }
  return json;
}

function errorsOf(input: unknown): { path: string; code: string; message: string }[] {
  const result = validatePolicy(input);
  return result.ok ? [] : [...result.errors];
}

function pathsOf(input: unknown): string[] {
  return errorsOf(input).map((error) => error.path);
}

describe('validatePolicy', () => {
  it('accepts the default policy read back from JSON and returns a copy', () => {
    const input = policyJson();
    const result = validatePolicy(input);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.policy).toEqual(DEFAULT_POLICY);
      expect(result.policy).not.toBe(input);
    }
  });

  it('accepts a compressed policy without a time of day', () => {
    const input = policyJson({
      fireTimeOfDay: REMOVE,
      'milestones.placement-evaluation.interval': 'PT2S',
      'milestones.placement-evaluation.due.offset': 'PT0.5S',
      'ages.adulthood': 'P17YT30S',
    });
    expect(errorsOf(input)).toEqual([]);
  });

  it('refuses what is not an object', () => {
    expect(pathsOf(null)).toEqual(['(policy)']);
    expect(pathsOf([])).toEqual(['(policy)']);
    expect(pathsOf('P3M')).toEqual(['(policy)']);
  });

  it('names every invalid field at once, with its path', () => {
    const input = policyJson({
      version: ' ',
      timeZone: 'Europe/London',
      fireTimeOfDay: '9am',
      'milestones.placement-evaluation.interval': 'three months',
      'escalation.reminder': 'P3D',
    });
    expect(pathsOf(input)).toEqual([
      'version',
      'timeZone',
      'fireTimeOfDay',
      'milestones.placement-evaluation.interval',
      'escalation.reminder',
    ]);
  });

  it('tells the user what to write', () => {
    const input = policyJson({ 'milestones.placement-evaluation.interval': '3 months' });
    expect(errorsOf(input)).toEqual([
      {
        path: 'milestones.placement-evaluation.interval',
        code: 'invalid-value',
        message: 'must be an ISO 8601 duration such as P6M, -P18M, P14D or PT2S (a positive duration such as P3M)',
      },
    ]);
  });

  it('refuses unknown fields, so a misspelt field is not silently ignored', () => {
    const input = policyJson({ escalaton: {}, 'milestones.transition-review.ofset': '-P6M' });
    expect(pathsOf(input)).toEqual(['escalaton', 'milestones.transition-review.ofset']);
  });

  it('requires every milestone kind and every section', () => {
    const input = policyJson({ 'milestones.handover': REMOVE, escalation: REMOVE });
    expect(errorsOf(input)).toEqual([
      { path: 'milestones.handover', code: 'required', message: 'is required' },
      { path: 'escalation', code: 'required', message: 'is required' },
    ]);
  });

  it.each([
    ['ages.adulthood', '-P18Y'],
    ['milestones.placement-evaluation.interval', 'P0D'],
    ['milestones.closed-care-limit.limit', '-P6M'],
    ['milestones.closed-care-limit.warning', 'P6W'],
    ['milestones.future-plan.due.offset', '-P6W'],
    ['milestones.aftercare-check-in.offsets.0', '-P3M'],
    ['escalation.reminder', 'P3D'],
    ['escalation.directorList', '-P7D'],
  ])('refuses a duration of the wrong sign at %s', (path, value) => {
    expect(pathsOf(policyJson({ [path]: value }))).toEqual([path.replace(/\.(\d+)$/, '[$1]')]);
  });

  it('keeps the ages in order', () => {
    const input = policyJson({ 'ages.futurePlan': 'P19Y', 'ages.extendedCareEnd': 'P17Y' });
    expect(pathsOf(input)).toEqual(['ages.futurePlan', 'ages.extendedCareEnd']);
  });

  it('keeps the aftercare check-ins in order', () => {
    const input = policyJson({ 'milestones.aftercare-check-in.offsets': ['P3M', 'P12M', 'P6M'] });
    expect(pathsOf(input)).toEqual(['milestones.aftercare-check-in.offsets[2]']);
  });

  it('refuses an anchored due that falls before the fire moment', () => {
    expect(pathsOf(policyJson({ 'milestones.handover.due.offset': '-P4M' }))).toEqual([
      'milestones.handover.due.offset',
    ]);
    expect(pathsOf(policyJson({ 'milestones.handover.due.relativeTo': 'start' }))).toEqual([
      'milestones.handover.due.relativeTo',
    ]);
  });

  it('refuses time parts when the policy fires at a time of day', () => {
    const input = policyJson({ 'milestones.placement-evaluation.interval': 'PT2S', 'ages.adulthood': 'P18YT1H' });
    expect(pathsOf(input)).toEqual(['ages.adulthood', 'milestones.placement-evaluation.interval']);
  });

  it('checks the director-list kinds', () => {
    const kinds = 'escalation.directorListKinds';
    expect(pathsOf(policyJson({ [kinds]: ['handover', 'overdue'] }))).toEqual([kinds]);
    expect(pathsOf(policyJson({ [kinds]: ['handover', 'handover'] }))).toEqual([kinds]);
    expect(pathsOf(policyJson({ [kinds]: [] }))).toEqual([]);
  });

  it('allows a region to switch aftercare off with an empty list', () => {
    const input = policyJson({ 'milestones.aftercare-check-in.offsets': [] });
    expect(pathsOf(input)).toEqual([]);
  });
});

describe('validatePolicy: the optional continuity section', () => {
  it('accepts a policy without it and one with the defaults, and names a wrong entry', () => {
    const base = DEFAULT_POLICY;
    expect(validatePolicy(base).ok).toBe(true);
    const withDefaults = validatePolicy({ ...base, continuity: DEFAULT_CONTINUITY });
    expect(withDefaults.ok && withDefaults.policy.continuity).toEqual(DEFAULT_CONTINUITY);
    const wrong = validatePolicy({ ...base, continuity: { ...DEFAULT_CONTINUITY, lateDue: '-P1D', extra: 1 } });
    expect(wrong.ok ? [] : wrong.errors.map((e) => e.path)).toEqual(['continuity.extra', 'continuity.lateDue']);
  });
});
