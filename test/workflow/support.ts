import { organisationsByRole, startStack } from '../stack';
import { forAllTests } from '../for-all-tests';
import { Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import {
  DEFAULT_TIME_ZONE,
  DEFAULT_POLICY,
  compressPolicy,
  mergePolicy,
  type FieldError,
  type IsoDuration,
  type PartnerRole,
  type PlacementType,
  type PolicyOverride,
  type TimingPolicy,
  type TrajectoryFacts,
} from '@doorloop/domain';
import { AgendaRepository, RegionEntity, TaskEntity } from '@doorloop/persistence';
import { trajectoryWorkflowId, TRAJECTORY_WORKFLOW_TYPE } from '@doorloop/temporal';
import {
  INVALID_CHANGE,
  stateQuery,
  type FiredOccurrence,
  type TrajectorySnapshot,
  type TrajectoryWorkflowInput,
} from '@doorloop/workflows';
import { pseudonym } from '../pseudonyms';
import type { Stack } from '../stack';
import { historyFromJson, historyToJson, type History } from './history-json';

export type TrajectoryHandle = WorkflowHandle<(input: TrajectoryWorkflowInput) => Promise<void>>;

export const ZONE = DEFAULT_TIME_ZONE;
export const HISTORIES_DIR = join(__dirname, '..', 'fixtures', 'histories');

export function temporalClient(stack: Stack): Client {
  return stack.api.get(Client);
}

export interface StartOptions {
  facts: Omit<TrajectoryFacts, 'coordinatorOrganisationId' | 'startedOn' | 'municipalityCode'> &
    Partial<Pick<TrajectoryFacts, 'startedOn' | 'municipalityCode'>>;
  policy: TimingPolicy;
  maxEventsPerRun?: number;
}

/**
 * Stores a trajectory row (the projections need it) and starts its workflow directly, as the api does, without going
 * through the api: these tests are about the workflow.
 */
export async function startTrajectory(
  stack: Stack,
  { facts: given, policy, maxEventsPerRun }: StartOptions,
): Promise<{ id: string; handle: TrajectoryHandle; facts: TrajectoryFacts }> {
  const region = await stack.dataSource.getRepository(RegionEntity).findOneByOrFail({ code: 'demo' });
  const organisations = await organisationsByRole(stack);
  const id = randomUUID();
  const facts: TrajectoryFacts = {
    startedOn: Date.now(),
    municipalityCode: 'GM9901',
    coordinatorOrganisationId: organisations.coordinator,
    ...given,
  };
  await stack.dataSource.query(
    `INSERT INTO trajectories (id, pseudonym, birth_date, municipality_code, region_id, coordinator_organisation_id,
       policy_version, facts) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      pseudonym(),
      facts.birthDate,
      facts.municipalityCode,
      region.id,
      facts.coordinatorOrganisationId,
      policy.version,
      JSON.stringify(facts),
    ],
  );
  const input: TrajectoryWorkflowInput = { trajectoryId: id, facts, policy, maxEventsPerRun };
  const handle: TrajectoryHandle = await temporalClient(stack).workflow.start(TRAJECTORY_WORKFLOW_TYPE, {
    workflowId: trajectoryWorkflowId(id),
    taskQueue: stack.config.TEMPORAL_TASK_QUEUE,
    args: [input],
  });
  return { id, handle, facts };
}

export interface EvaluatingOptions {
  partner: PartnerRole;
  placement: PlacementType;
  maxEventsPerRun?: number;
}

/**
 * A trajectory under an evaluations-only policy (see `evaluationsEveryTwoSeconds`): born today, placed today with one
 * partner besides the provider, so that each evaluation fires two tasks.
 */
export async function startEvaluating(
  stack: Stack,
  policy: TimingPolicy,
  { partner, placement, maxEventsPerRun }: EvaluatingOptions,
): Promise<{ id: string; handle: TrajectoryHandle }> {
  const org = await organisationsByRole(stack);
  return startTrajectory(stack, {
    policy,
    maxEventsPerRun,
    facts: {
      birthDate: localDate(),
      partners: [{ organisationId: org[partner], role: partner }],
      placements: [{ id: 'P-1', type: placement, startDate: localDate(), providerOrganisationId: org['youth-care'] }],
      courtMeasures: [],
      pauses: [],
    },
  });
}

export interface EvaluatingScenario {
  stack: Stack;
  id: string;
  handle: TrajectoryHandle;
}

/**
 * A stack and an evaluating trajectory (`startEvaluating`) for all the tests of the describe block that calls this;
 * after the last, the scenario ends (`endScenario`: its first `runs` runs, default all, recorded as `scenario`).
 */
export function evaluatingForAllTests(
  scenario: string,
  policy: TimingPolicy,
  { runs, ...options }: EvaluatingOptions & { runs?: number },
): () => EvaluatingScenario {
  return forAllTests(async (onTeardown) => {
    const stack = await startStack();
    onTeardown(() => stack.stop());
    const { id, handle } = await startEvaluating(stack, policy, options);
    onTeardown(() => recordScenario(stack, handle, scenario, { runs }));
    return { stack, id, handle };
  });
}

/**
 * The end of a scenario: terminates its workflow, adds its runs to the replay corpus (with RECORD_HISTORIES=1; the
 * first `runs`, default all) and stops the stack.
 */
export async function endScenario(
  stack: Stack | undefined,
  handle: TrajectoryHandle | undefined,
  scenario: string,
  options: { runs?: number } = {},
): Promise<void> {
  if (stack && handle) await recordScenario(stack, handle, scenario, options);
  await stack?.stop();
}

/** Terminates a scenario's workflow and adds its runs to the replay corpus (see `recordHistories`). */
async function recordScenario(
  stack: Stack,
  handle: TrajectoryHandle,
  scenario: string,
  options: { runs?: number },
): Promise<void> {
  await handle.terminate('test finished').catch(() => undefined);
  await recordHistories(temporalClient(stack), handle.workflowId, scenario, options);
}

export function state(handle: TrajectoryHandle): Promise<TrajectorySnapshot> {
  return handle.query(stateQuery);
}

/** Polls until `read` gives a value `done` accepts; fails with the last value seen. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 20_000, what = 'condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(150);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the workflow is idle on `revision` with its agenda projected (`revision` is in the state). */
export function settled(
  handle: TrajectoryHandle,
  check: (s: TrajectorySnapshot) => boolean,
): Promise<TrajectorySnapshot> {
  return waitFor(() => state(handle), check, { what: 'workflow state' });
}

export function agenda(stack: Stack, trajectoryId: string) {
  return stack.api.get(AgendaRepository).list(trajectoryId);
}

export function tasks(stack: Stack, trajectoryId: string): Promise<TaskEntity[]> {
  return stack.dataSource
    .getRepository(TaskEntity)
    .find({ where: { trajectoryId }, order: { fireAt: 'ASC', createdAt: 'ASC' } });
}

export async function storedTrajectory(
  stack: Stack,
  id: string,
): Promise<{ facts: TrajectoryFacts; factsRevision: number; status: string; municipalityCode: string }> {
  const [row] = await stack.dataSource.query<
    { facts: TrajectoryFacts; factsRevision: number; status: string; municipalityCode: string }[]
  >(
    `SELECT facts, facts_revision AS "factsRevision", status, municipality_code AS "municipalityCode"
       FROM trajectories WHERE id = $1`,
    [id],
  );
  return row;
}

/** The InvalidChange failure of a refused update: its message and its field errors. */
export async function refusal(attempt: Promise<unknown>): Promise<{ message: string; errors: FieldError[] }> {
  const error: unknown = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkflowUpdateFailedError)) {
    const got =
      error === undefined ? 'success' : error instanceof Error ? `${error.name}: ${error.message}` : 'a non-error';
    throw new Error(`expected the update to be refused, got ${got}`);
  }
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== INVALID_CHANGE) {
    throw new Error(`expected an ${INVALID_CHANGE} failure, got ${String(cause)}`);
  }
  return { message: cause.message, errors: (cause.details?.[0] ?? []) as FieldError[] };
}

/** Local (Amsterdam) calendar date of an instant, and seconds since the local midnight of `now`. */
export function localDate(at: number = Date.now()): string {
  return DateTime.fromMillis(at, { zone: ZONE }).toISODate() ?? '';
}
export function secondsSinceMidnight(at: number = Date.now()): number {
  const local = DateTime.fromMillis(at, { zone: ZONE });
  return local.diff(local.startOf('day'), 'seconds').seconds;
}

/** `PT…S` with millisecond precision, as compressed policies write durations. */
export function seconds(value: number): IsoDuration {
  return `PT${Math.round(value * 1000) / 1000}S`;
}

/**
 * A policy compressed so that a month lasts one second (a year twelve), with `override` laid over it: the usual way
 * to anchor the ages on "seconds since the local midnight of the birth date" (see docs/policy.md).
 */
export function compressed(version: string, override: Omit<PolicyOverride, 'version'> = {}): TimingPolicy {
  const base = compressPolicy(DEFAULT_POLICY, { msPerDay: 1000 / (365.2425 / 12) });
  return mergePolicy(base, { ...override, version });
}

/**
 * A compressed policy under which only placement evaluations fire: one every two seconds from the placement start,
 * due an hour after firing; the ages lie years ahead.
 */
export function evaluationsEveryTwoSeconds(version: string): TimingPolicy {
  return compressed(version, {
    ages: { futurePlan: 'P16Y', adulthood: 'P18Y', extendedCareEnd: 'P23Y' },
    milestones: { 'placement-evaluation': { interval: 'PT2S', due: { relativeTo: 'fire', offset: 'PT1H' } } },
  });
}

/**
 * Every run of a workflow chain, oldest first, following continue-as-new back from the latest run. The histories are
 * decoded with the client's payload codecs (decrypted, when payloads are encrypted), so tests can read them and the
 * replay corpus holds plain, synthetic data that replays with or without a codec.
 */
export async function runChain(
  client: Client,
  workflowId: string,
): Promise<{ runId: string; history: History; length: number }[]> {
  const latest = await client.workflow.getHandle(workflowId).describe();
  const chain: { runId: string; history: History; length: number }[] = [];
  let runId: string | undefined = latest.runId;
  while (runId) {
    const history = await decodeHistory(client, await client.workflow.getHandle(workflowId, runId).fetchHistory());
    chain.unshift({ runId, history, length: history.events?.length ?? 0 });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
  }
  return chain;
}

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** Runs every payload of a history through the client's codecs' `decode`, in reverse order as the SDK does. */
async function decodeHistory(client: Client, history: History): Promise<History> {
  const codecs = [...client.options.loadedDataConverter.payloadCodecs].reverse();
  if (codecs.length === 0) return history;
  const json = historyToJson(history);
  const payloads: JsonPayload[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (typeof record.metadata === 'object' && record.metadata !== null && 'encoding' in record.metadata) {
        payloads.push(record);
      } else Object.values(record).forEach(collect);
    }
  };
  collect(json);
  for (const payload of payloads) {
    let decoded = [
      {
        metadata: Object.fromEntries(
          Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
        ),
        data: Buffer.from(payload.data ?? '', 'base64'),
      },
    ];
    for (const codec of codecs) decoded = (await codec.decode(decoded)) as typeof decoded;
    payload.metadata = Object.fromEntries(
      Object.entries(decoded[0].metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
    );
    payload.data = Buffer.from(decoded[0].data ?? new Uint8Array()).toString('base64');
  }
  return historyFromJson(json);
}

/** The occurrences `fireOccurrence` was scheduled with, in history order, over the whole chain. */
export function firedInHistories(histories: readonly History[]): FiredOccurrence[] {
  const fired: FiredOccurrence[] = [];
  for (const history of histories) {
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name !== 'fireOccurrence') continue;
      const payload = scheduled.input?.payloads?.[0]?.data;
      if (!payload) throw new Error('fireOccurrence scheduled without input');
      const input = JSON.parse(Buffer.from(payload).toString('utf8')) as { occurrence: FiredOccurrence };
      fired.push(input.occurrence);
    }
  }
  return fired;
}

export function firedKeysInHistories(histories: readonly History[]): string[] {
  return firedInHistories(histories).map((occurrence) => occurrence.key);
}

/**
 * With RECORD_HISTORIES=1, saves the first `runs` runs of the chain (default: all) into the replay corpus as
 * `<label>-<scenario>.run-<n>.json`: the label is RECORD_HISTORIES_LABEL, or today's date, so that a new recording adds
 * files next to those of older workflow code instead of replacing them (see docs/workflow.md). The histories are in the
 * JSON form `temporal workflow show --output json` also writes, decoded (see `runChain`); worker identities (host
 * names) are replaced, the rest is what the test made: synthetic ids, dates and codes.
 */
export async function recordHistories(
  client: Client,
  workflowId: string,
  scenario: string,
  { runs = Infinity }: { runs?: number } = {},
): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const label = process.env.RECORD_HISTORIES_LABEL ?? localDate();
  const prefix = `${label}-${scenario}.run-`;
  await mkdir(HISTORIES_DIR, { recursive: true });
  for (const file of await readdir(HISTORIES_DIR)) {
    if (file.startsWith(prefix)) await rm(join(HISTORIES_DIR, file));
  }
  const chain = await runChain(client, workflowId);
  for (const [index, run] of chain.slice(0, runs).entries()) {
    const json = JSON.parse(JSON.stringify(historyToJson(run.history)), (key, value: unknown) =>
      key === 'identity' && typeof value === 'string' ? 'doorloop-replay-corpus' : value,
    ) as unknown;
    await writeFile(join(HISTORIES_DIR, `${prefix}${index + 1}.json`), `${JSON.stringify(json)}\n`);
  }
}
