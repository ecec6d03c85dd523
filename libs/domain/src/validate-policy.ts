import { isTimeOfDay, SUPPORTED_TIME_ZONES, type TimeZone } from './calendar';
import {
  approximateMs,
  type Duration,
  durationSign,
  isDateGranular,
  type IsoDuration,
  parseDuration,
} from './duration';
import type { FieldError, FieldErrorCode } from './field-error';
import { isMilestoneKind, MILESTONE_KINDS, POLICY_MILESTONE_KINDS } from './milestone-kind';
import type { PolicyMilestoneKind } from './milestone-kind';
import type { SignalTriagePolicy } from './signal-triage-policy';
import type { ContinuityPolicy, DueRule, MilestonePolicies, PlacementsPolicy, TimingPolicy } from './timing-policy';

export type PolicyValidation =
  { readonly ok: true; readonly policy: TimingPolicy } | { readonly ok: false; readonly errors: readonly FieldError[] };

type Json = Record<string, unknown>;
type SignRule = 'positive' | 'non-negative' | 'non-positive' | 'any';

const ONE_OFF_KINDS = [
  'future-plan',
  'adult-care-involvement',
  'transition-review',
  'handover',
  'authorisation-expiry',
  'ots-expiry',
  'extended-care-end',
] as const satisfies readonly PolicyMilestoneKind[];

const SIGN_WORDS: Record<SignRule, string> = {
  positive: 'a positive duration such as P3M',
  'non-negative': 'zero or a positive duration such as P6M',
  'non-positive': 'zero or a negative duration such as -P6W',
  any: 'a duration',
};

/** Checks a policy written by hand or stored as JSON; on success returns a typed copy. */
export function validatePolicy(input: unknown): PolicyValidation {
  const check = new PolicyCheck();
  const policy = check.policy(input);
  return check.errors.length === 0 && policy ? { ok: true, policy } : { ok: false, errors: check.errors };
}

class PolicyCheck {
  readonly errors: FieldError[] = [];
  private readonly durations: { path: string; duration: Duration }[] = [];

  policy(input: unknown): TimingPolicy | undefined {
    const root = this.object(input, '', [
      'version',
      'timeZone',
      'fireTimeOfDay',
      'ages',
      'milestones',
      'escalation',
      'continuity',
      'placements',
      'signalTriage',
    ]);
    if (!root) return undefined;
    const version = this.version(root.version);
    const timeZone = this.timeZone(root.timeZone);
    const fireTimeOfDay = this.fireTimeOfDay(root.fireTimeOfDay);
    const ages = this.ages(root.ages);
    const milestones = this.milestones(root.milestones);
    const escalation = this.escalation(root.escalation);
    const continuity = root.continuity === undefined ? undefined : this.continuity(root.continuity);
    const placements = root.placements === undefined ? undefined : this.placements(root.placements);
    const signalTriage = root.signalTriage === undefined ? undefined : this.signalTriage(root.signalTriage);
    if (fireTimeOfDay !== undefined) {
      for (const { path, duration } of this.durations) {
        if (!isDateGranular(duration)) {
          this.fail(
            path,
            'has an hour, minute or second part, but the policy fires at a time of day: use whole days (Y, M, W, D) or remove fireTimeOfDay',
          );
        }
      }
    }
    if (!version || !timeZone || !ages || !milestones || !escalation) return undefined;
    if (root.continuity !== undefined && !continuity) return undefined;
    if (root.placements !== undefined && !placements) return undefined;
    if (root.signalTriage !== undefined && !signalTriage) return undefined;
    return {
      version,
      timeZone,
      ...(fireTimeOfDay === undefined ? {} : { fireTimeOfDay }),
      ages,
      milestones,
      escalation,
      ...(continuity === undefined ? {} : { continuity }),
      ...(placements === undefined ? {} : { placements }),
      ...(signalTriage === undefined ? {} : { signalTriage }),
    };
  }

  /** The optional signal triage section (signal-triage-policy.ts): both entries required once it is there. */
  private signalTriage(value: unknown): SignalTriagePolicy | undefined {
    const section = this.object(value, 'signalTriage', ['due', 'workingDays']);
    if (!section) return undefined;
    const due = this.duration(section.due, 'signalTriage.due', 'positive');
    if (typeof section.workingDays !== 'boolean') {
      this.fail('signalTriage.workingDays', 'must be true or false');
      return undefined;
    }
    return due && { due, workingDays: section.workingDays };
  }

  /** The optional placements section (placements-policy.ts): every entry required once the section is there. */
  private placements(value: unknown): PlacementsPolicy | undefined {
    const recordedKinds = ['missing-episode', 'safety-assessment'] as const;
    const section = this.object(value, 'placements', ['custody-order-expiry', 'treatment-start', ...recordedKinds]);
    if (!section) return undefined;
    const custody = this.oneOff(section['custody-order-expiry'], 'custody-order-expiry', 'placements');
    const treatment = this.oneOff(section['treatment-start'], 'treatment-start', 'placements');
    const [missing, safety] = recordedKinds.map((kind) => {
      const path = `placements.${kind}`;
      const entry = this.object(section[kind], path, ['due']);
      const due = entry ? this.due(entry.due, path, undefined) : undefined;
      return due && { due };
    });
    if (!custody || !treatment || !missing || !safety) return undefined;
    return {
      'custody-order-expiry': custody,
      'treatment-start': treatment,
      'missing-episode': missing,
      'safety-assessment': safety,
    };
  }

  /** The optional continuity section (continuity-policy.ts): every entry required once the section is there. */
  private continuity(value: unknown): ContinuityPolicy | undefined {
    const recordedKinds = ['indication-extension', 'safety-net', 'find-receiver', 'adult-intake'] as const;
    const section = this.object(value, 'continuity', [
      'continuation-decision',
      'adulthood-admin',
      ...recordedKinds,
      'lateDue',
    ]);
    if (!section) return undefined;
    const decision = this.oneOff(section['continuation-decision'], 'continuation-decision', 'continuity');
    const admin = this.oneOff(section['adulthood-admin'], 'adulthood-admin', 'continuity');
    const [extension, safetyNet, findReceiver, intake] = recordedKinds.map((kind) => {
      const path = `continuity.${kind}`;
      const entry = this.object(section[kind], path, kind === 'find-receiver' ? ['due', 'workingDays'] : ['due']);
      if (entry && entry.workingDays !== undefined && typeof entry.workingDays !== 'boolean') {
        this.fail(`${path}.workingDays`, 'must be true or false');
      }
      const due = entry ? this.due(entry.due, path, undefined) : undefined;
      return due && { due, ...(entry?.workingDays === true ? { workingDays: true } : {}) };
    });
    const lateDue = this.duration(section.lateDue, 'continuity.lateDue', 'positive');
    if (!decision || !admin || !extension || !safetyNet || !findReceiver || !intake || !lateDue) return undefined;
    return {
      'continuation-decision': decision,
      'adulthood-admin': admin,
      'indication-extension': extension,
      'safety-net': safetyNet,
      'find-receiver': findReceiver,
      'adult-intake': intake,
      lateDue,
    };
  }

  private version(value: unknown): string | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail('version', 'is required: give the policy a version name such as "region-utrecht-2"');
      return undefined;
    }
    return value;
  }

  private timeZone(value: unknown): TimeZone | undefined {
    const zone = SUPPORTED_TIME_ZONES.find((candidate) => candidate === value);
    if (!zone) this.fail('timeZone', `must be ${SUPPORTED_TIME_ZONES.join(' or ')}`);
    return zone;
  }

  private fireTimeOfDay(value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (!isTimeOfDay(value)) {
      this.fail('fireTimeOfDay', 'must be a local time written HH:mm, such as 09:00, or be left out');
      return undefined;
    }
    return value;
  }

  private ages(value: unknown): TimingPolicy['ages'] | undefined {
    const ages = this.object(value, 'ages', ['futurePlan', 'adulthood', 'extendedCareEnd']);
    if (!ages) return undefined;
    const futurePlan = this.duration(ages.futurePlan, 'ages.futurePlan', 'positive');
    const adulthood = this.duration(ages.adulthood, 'ages.adulthood', 'positive');
    const extendedCareEnd = this.duration(ages.extendedCareEnd, 'ages.extendedCareEnd', 'positive');
    if (!futurePlan || !adulthood || !extendedCareEnd) return undefined;
    if (this.length(futurePlan) >= this.length(adulthood)) {
      this.fail('ages.futurePlan', 'must be younger than ages.adulthood');
    }
    if (this.length(adulthood) >= this.length(extendedCareEnd)) {
      this.fail('ages.extendedCareEnd', 'must be older than ages.adulthood');
    }
    return { futurePlan, adulthood, extendedCareEnd };
  }

  private milestones(value: unknown): MilestonePolicies | undefined {
    const milestones = this.object(value, 'milestones', POLICY_MILESTONE_KINDS);
    if (!milestones) return undefined;
    const oneOffs = ONE_OFF_KINDS.map((kind) => this.oneOff(milestones[kind], kind));
    const evaluation = this.placementEvaluation(milestones['placement-evaluation']);
    const closedCareLimit = this.closedCareLimit(milestones['closed-care-limit']);
    const aftercare = this.aftercare(milestones['aftercare-check-in']);
    const [futurePlan, adultCare, transition, handover, authorisation, ots, extendedCare] = oneOffs;
    if (
      !futurePlan ||
      !adultCare ||
      !transition ||
      !handover ||
      !authorisation ||
      !ots ||
      !extendedCare ||
      !evaluation ||
      !closedCareLimit ||
      !aftercare
    ) {
      return undefined;
    }
    return {
      'future-plan': futurePlan,
      'adult-care-involvement': adultCare,
      'transition-review': transition,
      handover,
      'placement-evaluation': evaluation,
      'authorisation-expiry': authorisation,
      'closed-care-limit': closedCareLimit,
      'ots-expiry': ots,
      'extended-care-end': extendedCare,
      'aftercare-check-in': aftercare,
    };
  }

  private oneOff(
    value: unknown,
    kind: string,
    section = 'milestones',
  ): { offset: IsoDuration; due: DueRule } | undefined {
    const path = `${section}.${kind}`;
    const milestone = this.object(value, path, ['offset', 'due']);
    if (!milestone) return undefined;
    const offset = this.duration(milestone.offset, `${path}.offset`, 'any');
    const due = this.due(milestone.due, path, offset);
    return offset && due ? { offset, due } : undefined;
  }

  private placementEvaluation(value: unknown): MilestonePolicies['placement-evaluation'] | undefined {
    const path = 'milestones.placement-evaluation';
    const milestone = this.object(value, path, ['interval', 'due']);
    if (!milestone) return undefined;
    const interval = this.duration(milestone.interval, `${path}.interval`, 'positive');
    const due = this.due(milestone.due, path, 'P0D');
    return interval && due ? { interval, due } : undefined;
  }

  private closedCareLimit(value: unknown): MilestonePolicies['closed-care-limit'] | undefined {
    const path = 'milestones.closed-care-limit';
    const milestone = this.object(value, path, ['limit', 'warning', 'due']);
    if (!milestone) return undefined;
    const limit = this.duration(milestone.limit, `${path}.limit`, 'non-negative');
    const warning = this.duration(milestone.warning, `${path}.warning`, 'non-positive');
    const due = this.due(milestone.due, path, warning);
    return limit && warning && due ? { limit, warning, due } : undefined;
  }

  private aftercare(value: unknown): MilestonePolicies['aftercare-check-in'] | undefined {
    const path = 'milestones.aftercare-check-in';
    const milestone = this.object(value, path, ['offsets', 'due']);
    if (!milestone) return undefined;
    const due = this.due(milestone.due, path, 'P0D');
    if (!Array.isArray(milestone.offsets)) {
      this.fail(`${path}.offsets`, 'must be a list of durations after closure, such as ["P3M", "P6M", "P12M"]');
      return undefined;
    }
    const offsets = milestone.offsets.map((offset: unknown, index) =>
      this.duration(offset, `${path}.offsets[${index}]`, 'positive'),
    );
    const valid = offsets.filter((offset): offset is IsoDuration => offset !== undefined);
    if (valid.length !== offsets.length || !due) return undefined;
    for (let index = 1; index < valid.length; index += 1) {
      if (this.length(valid[index]) <= this.length(valid[index - 1])) {
        this.fail(`${path}.offsets[${index}]`, 'must be later than the offset before it: list the check-ins in order');
      }
    }
    return { offsets: valid, due };
  }

  private due(value: unknown, milestonePath: string, fireOffset: IsoDuration | undefined): DueRule | undefined {
    const path = `${milestonePath}.due`;
    const due = this.object(value, path, ['relativeTo', 'offset']);
    if (!due) return undefined;
    const relativeTo = due.relativeTo;
    if (relativeTo !== 'fire' && relativeTo !== 'anchor') {
      this.fail(`${path}.relativeTo`, 'must be "fire" (counted from when the task fires) or "anchor"');
      return undefined;
    }
    const offset = this.duration(due.offset, `${path}.offset`, relativeTo === 'fire' ? 'positive' : 'any');
    if (!offset) return undefined;
    if (relativeTo === 'anchor' && fireOffset !== undefined && this.length(offset) < this.length(fireOffset)) {
      this.fail(
        `${path}.offset`,
        'would make the task due before it fires: choose an offset at or after the fire offset',
      );
    }
    return { relativeTo, offset };
  }

  private escalation(value: unknown): TimingPolicy['escalation'] | undefined {
    const escalation = this.object(value, 'escalation', ['reminder', 'directorList', 'directorListKinds']);
    if (!escalation) return undefined;
    const reminder = this.duration(escalation.reminder, 'escalation.reminder', 'non-positive');
    const directorList = this.duration(escalation.directorList, 'escalation.directorList', 'non-negative');
    const kinds = escalation.directorListKinds;
    if (!Array.isArray(kinds) || !kinds.every(isMilestoneKind)) {
      this.fail('escalation.directorListKinds', `must be a list of milestone kinds (${MILESTONE_KINDS.join(', ')})`);
      return undefined;
    }
    if (new Set(kinds).size !== kinds.length) {
      this.fail('escalation.directorListKinds', 'lists a kind twice: name each kind once');
    }
    return reminder && directorList ? { reminder, directorList, directorListKinds: [...kinds] } : undefined;
  }

  private duration(value: unknown, path: string, rule: SignRule): IsoDuration | undefined {
    const duration = typeof value === 'string' ? parseDuration(value) : undefined;
    if (typeof value !== 'string' || !duration) {
      this.fail(path, `must be an ISO 8601 duration such as P6M, -P18M, P14D or PT2S (${SIGN_WORDS[rule]})`);
      return undefined;
    }
    const sign = durationSign(duration);
    const wrong =
      (rule === 'positive' && sign <= 0) ||
      (rule === 'non-negative' && sign < 0) ||
      (rule === 'non-positive' && sign > 0);
    if (wrong) {
      this.fail(path, `must be ${SIGN_WORDS[rule]}, not ${value}`);
      return undefined;
    }
    this.durations.push({ path, duration });
    return value as IsoDuration;
  }

  private length(value: IsoDuration): number {
    const duration = parseDuration(value);
    return duration ? approximateMs(duration) : 0;
  }

  /** An object of the policy; a field it does not allow is reported, and the object is read all the same. */
  private object(value: unknown, path: string, allowed: readonly string[]): Json | undefined {
    if (value === undefined) {
      this.fail(path || '(policy)', 'is required', 'required');
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path || '(policy)', 'must be an object');
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(
          path ? `${path}.${key}` : key,
          `is not a policy field: remove it or check its spelling`,
          'unknown-field',
        );
      }
    }
    return value as Json;
  }

  /** A policy is read by admins as a whole (its errors become one message), so most findings are `invalid-value`. */
  private fail(path: string, message: string, code: FieldErrorCode = 'invalid-value'): void {
    this.errors.push({ path, code, message });
  }
}
