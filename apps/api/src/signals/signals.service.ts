import { Injectable } from '@nestjs/common';
import type { Signal } from '@doorloop/contracts';
import { SubjectHasher } from '@doorloop/crypto';
import {
  addWorkingDays,
  DEFAULT_TIME_ZONE,
  legalAnniversary,
  localDateOf,
  normaliseSignalSubject,
  SIGNAL_REPEAT_YEARS,
  SIGNAL_TRIAGE_WORKING_DAYS,
  addDaysToLocalDate,
} from '@doorloop/domain';
import { SignalRepository, TrajectoryRepository, type SignalRecord, type SignalScope } from '@doorloop/persistence';
import { trajectoryScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { decodeCursor, pageOf } from '../http/cursor';
import { ProblemError, type FieldError } from '../http/problem';
import { isDutchPublicHoliday } from './dutch-public-holidays';
import type { CreateSignalDto, ListSignalsQueryDto, TriageDto } from './signal.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isDateIdKey = (value: unknown): value is [string, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value[0]) &&
  typeof value[1] === 'string' &&
  UUID.test(value[1]);

/**
 * Signals before a trajectory (DOMAIN.md). The subject passes through `record` on its way to a keyed hash and nowhere
 * else: not stored, not logged, not in an error's detail, never sent to Temporal.
 */
@Injectable()
export class SignalsService {
  constructor(
    private readonly signals: SignalRepository,
    private readonly trajectories: TrajectoryRepository,
    private readonly hasher: SubjectHasher,
  ) {}

  async record(principal: Principal, input: CreateSignalDto, now: number = Date.now()): Promise<Signal> {
    const organisationId = principal.organisationId;
    if (principal.role !== 'partner' || organisationId === null) throw forbidden();
    const today = localDateOf(now, DEFAULT_TIME_ZONE);
    const normalised = normaliseSignalSubject(input.subject, today);
    if (!('subject' in normalised)) {
      throw ProblemError.invalid(
        normalised.errors.map((e): FieldError => ({ in: 'body', field: e.path, code: e.code, detail: e.message })),
      );
    }
    const stored = this.hasher.hash(principal.regionId, normalised.subject);
    const signal = await this.signals.insert(
      {
        regionId: principal.regionId,
        organisationId,
        recordedBy: principal.userId,
        category: input.category,
        description: input.description,
        meldcodeStep: input.meldcodeStep,
        subjectKeyId: stored.keyId,
        subjectHash: stored.digest,
        receivedOn: today,
        triageDueOn: addWorkingDays(today, SIGNAL_TRIAGE_WORKING_DAYS, isDutchPublicHoliday),
        repeatTriageDueOn: today,
      },
      this.hasher.all(principal.regionId, normalised.subject),
      // Within two years before today: on or after the day after today minus two years (isRepeatSignal).
      addDaysToLocalDate(legalAnniversary(today, -SIGNAL_REPEAT_YEARS), 1),
    );
    return present(signal, principal);
  }

  async list(principal: Principal, query: ListSignalsQueryDto) {
    const after = query.cursor ? decodeCursor(query.cursor, isDateIdKey) : undefined;
    const rows = await this.signals.list(signalScope(principal), {
      triaged: query.triaged,
      after: after ? { triageDueOn: after[0], id: after[1] } : undefined,
      limit: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, (last) => [last.triageDueOn, last.id]);
    return { items: page.items.map((item) => present(item, principal)), nextCursor: page.nextCursor };
  }

  async get(principal: Principal, id: string): Promise<Signal> {
    const signal = await this.signals.findInScope(id, signalScope(principal));
    if (!signal) throw ProblemError.notFound(`Signal ${id}`);
    return present(signal, principal);
  }

  async triage(principal: Principal, id: string, input: TriageDto): Promise<Signal> {
    if (principal.role !== 'coordinator') throw forbidden();
    const scope = signalScope(principal);
    const errors: FieldError[] = [];
    if (input.outcome === 'start-trajectory' && input.trajectoryId === undefined) {
      errors.push({ in: 'body', field: 'trajectoryId', code: 'required', detail: 'Name the trajectory you started.' });
    }
    if (input.outcome !== 'start-trajectory' && input.trajectoryId !== undefined) {
      errors.push({
        in: 'body',
        field: 'trajectoryId',
        code: 'invalid-value',
        detail: 'Only a triage that starts a trajectory links one: leave trajectoryId out.',
      });
    }
    if (input.trajectoryId !== undefined && errors.length === 0) {
      const trajectory = await this.trajectories.findInScope(input.trajectoryId, trajectoryScope(principal));
      if (!trajectory) {
        errors.push({
          in: 'body',
          field: 'trajectoryId',
          code: 'invalid-value',
          detail: 'is not a trajectory of your region.',
        });
      }
    }
    if (errors.length > 0) throw ProblemError.invalid(errors);
    const outcome = await this.signals.triage(id, scope, {
      outcome: input.outcome,
      reason: input.reason,
      trajectoryId: input.trajectoryId ?? null,
      userId: principal.userId,
    });
    switch (outcome.result) {
      case 'not-found':
        throw ProblemError.notFound(`Signal ${id}`);
      case 'conflict':
        throw new ProblemError('already-answered', 'This signal has been triaged already, with another outcome.');
      case 'changed':
      case 'unchanged':
        return present(outcome.signal, principal);
    }
  }
}

/** Partners reach their own organisation's signals; coordinators every signal of their region. */
export function signalScope(principal: Principal): SignalScope {
  if (principal.role === 'partner' && principal.organisationId !== null) {
    return { organisationId: principal.organisationId };
  }
  if (principal.role === 'coordinator') return { regionId: principal.regionId };
  throw forbidden();
}

function forbidden(): ProblemError {
  return new ProblemError('forbidden', 'Your role does not give access to this.');
}

/**
 * A signal as its reader may see it. That someone else signalled her too, and which signal that was, is for the
 * coordinator only: a partner learns nothing of another organisation's signals, not even that there is one.
 */
function present(signal: SignalRecord, reader: Principal): Signal {
  const coordinator = reader.role === 'coordinator';
  return {
    id: signal.id,
    organisationId: signal.organisationId,
    category: signal.category,
    description: signal.description,
    meldcodeStep: signal.meldcodeStep,
    receivedAt: signal.receivedAt.toISOString(),
    triageDueOn: signal.triageDueOn,
    repeatOf: coordinator ? signal.repeatOf : null,
    alert: coordinator && signal.repeatOf !== null,
    triage:
      signal.triageOutcome && signal.triagedAt
        ? {
            outcome: signal.triageOutcome,
            reason: signal.triageReason ?? '',
            trajectoryId: signal.trajectoryId,
            triagedAt: signal.triagedAt.toISOString(),
          }
        : null,
  };
}
