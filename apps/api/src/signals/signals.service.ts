import { Injectable, Logger } from '@nestjs/common';
import type { Signal } from '@doorloop/contracts';
import { SubjectHasher } from '@doorloop/crypto';
import {
  DEFAULT_TIME_ZONE,
  legalAnniversary,
  localDateOf,
  normaliseSignalSubject,
  SIGNAL_REPEAT_YEARS,
  addDaysToLocalDate,
  signalTriageMoments,
} from '@doorloop/domain';
import {
  ReferenceDataRepository,
  SignalRepository,
  TrajectoryRepository,
  type SignalRecord,
  type SignalScope,
  type TriageTask,
} from '@doorloop/persistence';
import { trajectoryScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import { decodeCursor, pageOf } from '../http/cursor';
import { ProblemError, type FieldError } from '../http/problem';
import { regionPolicy } from '../trajectories/region-policy';
import { isDutchPublicHoliday } from './dutch-public-holidays';
import { SignalTriageWorkflows } from './signal-triage-workflows.port';
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
  private readonly logger = new Logger(SignalsService.name);

  constructor(
    private readonly signals: SignalRepository,
    private readonly trajectories: TrajectoryRepository,
    private readonly referenceData: ReferenceDataRepository,
    private readonly hasher: SubjectHasher,
    private readonly workflows: SignalTriageWorkflows,
  ) {}

  /**
   * Records the signal and its triage task (the coordinating organisation's, due by the region's policy: 5 working days
   * by default, at once for a repeat) in one transaction, and starts the triage's workflow before that commits: when
   * Temporal cannot start it, nothing is stored and the answer is 503. (Unlike a trajectory's start, the transaction
   * stays open for that call: a signal must not exist without its reminder and overdue notice, and a workflow whose
   * commit failed finds no open task and mails nothing.)
   */
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
    const [coordinator, region] = await Promise.all([
      this.referenceData.findCoordinatorOrganisation(principal.regionId),
      this.referenceData.findRegion(principal.regionId),
    ]);
    if (!coordinator || !region) {
      throw new ProblemError(
        'region-not-configured',
        'Your region has no coordinating organisation yet to triage signals; ask the regional admin to add one.',
      );
    }
    const policy = regionPolicy(region);
    const stored = this.hasher.hash(principal.regionId, normalised.subject);
    const signal = await this.signals.insert({
      signal: {
        regionId: principal.regionId,
        organisationId,
        recordedBy: principal.userId,
        category: input.category,
        description: input.description,
        meldcodeStep: input.meldcodeStep,
        subjectKeyId: stored.keyId,
        subjectHash: stored.digest,
        receivedOn: today,
      },
      knownHashes: this.hasher.all(principal.regionId, normalised.subject),
      // Within two years before today: on or after the day after today minus two years (isRepeatSignal).
      repeatSince: addDaysToLocalDate(legalAnniversary(today, -SIGNAL_REPEAT_YEARS), 1),
      coordinatorOrganisationId: coordinator.id,
      timing: (repeat) => signalTriageMoments(now, repeat, policy, isDutchPublicHoliday),
      dateOf: (at) => localDateOf(at, DEFAULT_TIME_ZONE),
      beforeCommit: (signal, task) => this.startTriage(signal.id, task),
    });
    return present(signal, principal);
  }

  /** Starts the triage's workflow; when it cannot, a 503 whose throw rolls the signal and its task back. */
  private async startTriage(signalId: string, task: TriageTask): Promise<void> {
    try {
      await this.workflows.start({ signalId, reminderAt: task.reminderAt, dueAt: task.dueAt });
    } catch (error) {
      // Ids only: the subject never reaches a log.
      this.logger.warn({ err: error, signalId }, 'The signal triage workflow did not start; nothing is stored');
      throw new ProblemError(
        'workflow-unavailable',
        'The signal could not be recorded, so nothing was stored. Send the same request again in a moment.',
        { headers: { 'Retry-After': '5' } },
      );
    }
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
