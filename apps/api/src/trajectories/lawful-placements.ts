import { isOverridableRule, type Trajectory } from '@doorloop/contracts';
import {
  authorisationLimitErrors,
  closedPlacementLawErrors,
  courtMeasureLawErrors,
  type CourtMeasure,
  type FieldError as DomainFieldError,
  type LocalDate,
  type Placement,
  type TrajectoryFacts,
} from '@doorloop/domain';
import type { LegalOverrideRow, PlacementNoteRow } from '@doorloop/persistence';
import { ProblemError } from '../http/problem';
import { bodyFieldError } from './update-errors';

/**
 * The legal rules of DOMAIN.md "Placements and court measures that are lawful and legible" as the api applies them
 * (issue 13). The api refuses a fact that breaks one, unless the coordinator sets it aside with an explicit override;
 * the workflow does not judge them, so that histories recorded before the rules replay unchanged.
 */

/** A body field's path: the domain's paths are written under a prefix, `''` for the body itself (`.endDate`). */
const inBody = (errors: DomainFieldError[]): DomainFieldError[] =>
  errors.map((e) => ({ ...e, path: e.path.replace(/^\./, '') }));

/** What a new or replaced placement breaks, as fields of its body. */
export function placementFindings(placement: Placement, birthDate: LocalDate): DomainFieldError[] {
  return inBody(closedPlacementLawErrors(placement, birthDate, ''));
}

/** What a new or replaced court measure breaks, as fields of its body. */
export function courtMeasureFindings(measure: CourtMeasure, birthDate: LocalDate): DomainFieldError[] {
  return inBody([...courtMeasureLawErrors(measure, ''), ...authorisationLimitErrors(measure, birthDate, '')]);
}

/**
 * The verdict on a fact: lawful (an override sent with it is not recorded), or the rules it breaks set aside by the
 * override; without one it is refused with every finding, as is a finding no override sets aside.
 */
export function verdict(findings: DomainFieldError[], override: { reason: string } | undefined): string[] {
  if (findings.length === 0) return [];
  if (override === undefined || findings.some((f) => !isOverridableRule(f.code))) {
    throw ProblemError.invalid(findings.map((f) => bodyFieldError(f)));
  }
  return [...new Set(findings.map((f) => f.code))];
}

/** A new trajectory's placements and measures must be lawful; it takes no override (record them afterwards). */
export function lawfulAtStart(facts: TrajectoryFacts): DomainFieldError[] {
  return [
    ...facts.placements.flatMap((p, i) => closedPlacementLawErrors(p, facts.birthDate, `placements[${i}]`)),
    ...facts.courtMeasures.flatMap((m, i) => [
      ...courtMeasureLawErrors(m, `courtMeasures[${i}]`),
      ...authorisationLimitErrors(m, facts.birthDate, `courtMeasures[${i}]`),
    ]),
  ];
}

/** What the database keeps beside the facts of one trajectory; shown on a single trajectory only. */
export interface TrajectoryExtras {
  overrides: readonly LegalOverrideRow[];
  notes: readonly PlacementNoteRow[];
}

/** The trajectory's issue-13 fields: transfers by reason come from the facts; overrides and notes from the extras. */
export function lawfulPlacementView(
  facts: TrajectoryFacts,
  extras: TrajectoryExtras | undefined,
): Pick<Trajectory, 'missingEpisodes' | 'overrides'> {
  const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());
  const lastSeen = (id: string) =>
    extras && {
      lastSeen: extras.notes.find((n) => n.subject === 'missing-episode' && n.subjectId === id)?.note ?? null,
    };
  return {
    missingEpisodes: (facts.missingEpisodes ?? []).map((e) => ({
      id: e.id,
      since: new Date(e.since).toISOString(),
      recordedAt: iso(e.recordedAt),
      returnedAt: iso(e.returnedAt),
      policeReportMade: e.policeReportMade,
      ...lastSeen(e.id),
    })),
    ...(extras && {
      overrides: extras.overrides.map((o) => ({
        subject: o.subject,
        subjectId: o.subjectId,
        rules: [...o.rules],
        reason: o.reason,
        recordedAt: o.recordedAt.toISOString(),
      })),
    }),
  };
}
