import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { generateKey, loadConfig } from '@doorloop/config';
import { dataConverter, ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID, trajectoryWorkflowId } from '@doorloop/temporal';
import { requestAs, startStack, type Stack } from './stack';
import { rawText } from '../libs/temporal/test/raw-text';
import { CONTINUITY_PATCH, FOLLOW_UP_PATCH, LAWFUL_PLACEMENTS_PATCH } from '@doorloop/workflows';
import { DEFAULT_TIME_ZONE } from '@doorloop/domain';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
interface Found {
  /** The event attribute it sits in, e.g. `activityTaskScheduledEventAttributes`. */
  attributes: string;
  path: string;
  payload: Payload;
}

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

/** Every Payload in a history, wherever it sits: inputs, results, update arguments, failures, headers, memos. */
function payloadsIn(history: History): Found[] {
  const found: Found[] = [];
  const visit = (node: unknown, path: string, attributes: string) => {
    if (!node || typeof node !== 'object' || node instanceof Uint8Array) return;
    const candidate = node as { metadata?: unknown };
    if (candidate.metadata && typeof candidate.metadata === 'object' && 'data' in candidate) {
      found.push({ attributes, path, payload: node });
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      visit(value, `${path}.${key}`, attributes || (key.endsWith('EventAttributes') ? key : ''));
    }
  };
  (history.events ?? []).forEach((event, index) => visit(event, `events[${index}]`, ''));
  return found.filter((f) => !isPatchBookkeeping(f));
}

/**
 * Temporal's own bookkeeping of a `patched()` call: the marker's patch data (written by the SDK's core, past the codec)
 * and the TemporalChangeVersion search attribute (the server's). Both carry the patch id and nothing else — see the
 * test that says so — so they are not among the payloads that must be encrypted.
 */
function isPatchBookkeeping({ path }: Found): boolean {
  return path.includes('markerRecordedEventAttributes.details.patch-data') || path.includes('TemporalChangeVersion');
}

function keyIdOf(payload: Payload): string {
  return text(payload.metadata?.[ENCRYPTION_KEY_ID]);
}

async function decodeOne(codec: PayloadCodec, payload: Payload | null | undefined): Promise<unknown> {
  const [decoded] = await codec.decode([payload as Payload]);
  return defaultPayloadConverter.fromPayload(decoded);
}

describe('payload encryption: what Temporal stores of a trajectory', () => {
  const before = { PAYLOAD_KEYS: `e2e-old:${generateKey()}`, PAYLOAD_KEY_ID: 'e2e-old' };
  const rotated = {
    PAYLOAD_KEYS: `${before.PAYLOAD_KEYS},e2e-new:${generateKey()}`,
    PAYLOAD_KEY_ID: 'e2e-new',
  };
  // Synthetic and distinctive: a date and a pseudonym that occur nowhere else in the run.
  const today = DateTime.now().setZone(DEFAULT_TIME_ZONE);
  const birthDate = today.minus({ years: 15, months: 3 }).set({ day: 13 }).toISODate() ?? '';
  const correctedBirthDate = today.minus({ years: 15, months: 5 }).set({ day: 27 }).toISODate() ?? '';
  /** What the updates sent past the api try to set: never stored. */
  const smuggledBirthDate = today.minus({ years: 15, months: 7 }).set({ day: 9 }).toISODate() ?? '';
  const pseudonym = 'TRJ-C1PH3R';

  let stack: Stack | undefined;
  let connection: Connection;
  /** No codec: sees exactly what the Temporal server stores. */
  let plain: Client;
  let trajectoryId: string;
  let organisationIds: string[];

  const history = () => plain.workflow.getHandle(trajectoryWorkflowId(trajectoryId)).fetchHistory();

  async function historyWith(eventType: string, timeoutMs = 30_000): Promise<History> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await history();
      const types = (found.events ?? []).map((event) => Object.keys(event).find((k) => k.endsWith('EventAttributes')));
      if (types.includes(eventType) || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  function expectNothingInClear(raw: string) {
    for (const secret of [birthDate, correctedBirthDate, smuggledBirthDate, pseudonym, ...organisationIds]) {
      expect({ secret, inClear: raw.includes(secret) }).toEqual({ secret, inClear: false });
    }
  }

  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    plain = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    stack = await startStack(before);
    const { body: organisations } = await requestAs<{ items: { id: string; role: string }[] }>(
      stack,
      'coordinator',
      'GET',
      '/api/v1/organisations',
    );
    const police = organisations.items.find((o) => o.role === 'police');
    const school = organisations.items.find((o) => o.role === 'school');
    const coordinator = organisations.items.find((o) => o.role === 'coordinator');
    if (!police || !school || !coordinator) throw new Error('the demo seed lacks police, school or coordinator');
    organisationIds = [police.id, school.id, coordinator.id];

    const created = await requestAs<{ id: string }>(stack, 'coordinator', 'POST', '/api/v1/trajectories', {
      pseudonym,
      birthDate,
      municipalityCode: 'GM9901',
      partners: [
        { organisationId: police.id, role: 'police' },
        { organisationId: school.id, role: 'school' },
      ],
    });
    expect(created.status).toBe(201);
    trajectoryId = created.body.id;
  });

  afterAll(async () => {
    await stack?.stop();
    await connection?.close();
  });

  it('stores every payload of the start and the activities encrypted, and none of the data in clear', async () => {
    const stored = await historyWith('activityTaskCompletedEventAttributes');
    const payloads = payloadsIn(stored);

    expect([...new Set(payloads.map((p) => p.attributes))]).toEqual(
      expect.arrayContaining([
        'workflowExecutionStartedEventAttributes',
        'activityTaskScheduledEventAttributes',
        'activityTaskCompletedEventAttributes',
      ]),
    );
    expect(
      payloads.map(({ path, payload }) => [path, text(payload.metadata?.[METADATA_ENCODING_KEY]), keyIdOf(payload)]),
    ).toEqual(payloads.map(({ path }) => [path, ENCRYPTED_ENCODING, 'e2e-old']));
    expect(rawText(stored)).toContain(trajectoryWorkflowId(trajectoryId)); // what Temporal may see: the opaque id
    expectNothingInClear(rawText(stored));
  });

  it('leaves only the patch id in clear where Temporal keeps its own patch bookkeeping', async () => {
    const stored = await historyWith('activityTaskCompletedEventAttributes');
    const bookkeeping: Found[] = [];
    const visit = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object' || node instanceof Uint8Array) return;
      if ('metadata' in node && 'data' in node) {
        if (isPatchBookkeeping({ path, attributes: '', payload: node as Payload })) {
          bookkeeping.push({ path, attributes: '', payload: node as Payload });
        }
        return;
      }
      for (const [key, value] of Object.entries(node)) visit(value, `${path}.${key}`);
    };
    (stored.events ?? []).forEach((event, index) => visit(event, `events[${index}]`));
    expect(bookkeeping.length).toBeGreaterThan(0);
    for (const { payload } of bookkeeping) {
      const values: unknown[] = [];
      const collect = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(collect);
        else if (v && typeof v === 'object') Object.values(v).forEach(collect);
        else values.push(v);
      };
      collect(JSON.parse(text(payload.data)));
      // A marker names one patch, the change-version search attribute every patch so far: only the workflow's own ids.
      const strings = values.filter((v) => typeof v === 'string');
      expect(strings.length).toBeGreaterThan(0);
      for (const value of strings)
        expect([FOLLOW_UP_PATCH, CONTINUITY_PATCH, LAWFUL_PLACEMENTS_PATCH]).toContain(value);
    }
  });

  it('detects plaintext where it would be (the check above can fail)', () => {
    const clear = defaultPayloadConverter.toPayload({ birthDate, partners: organisationIds });
    expect(rawText({ events: [{ input: { payloads: [clear] } }] })).toContain(birthDate);
    expect(rawText({ events: [{ input: { payloads: [clear] } }] })).toContain(organisationIds[0]);
  });

  it('gives the original input back through the codec, and nothing without it', async () => {
    const stored = await history();
    const [started] = payloadsIn(stored).filter((p) => p.attributes === 'workflowExecutionStartedEventAttributes');
    const [codec] = dataConverter(stack?.config ?? {}).payloadCodecs ?? [];

    const input = (await decodeOne(codec, started.payload)) as {
      trajectoryId: string;
      facts: { birthDate: string; partners: unknown[]; coordinatorOrganisationId: string };
    };
    expect(input.trajectoryId).toBe(trajectoryId);
    expect(input.facts.birthDate).toBe(birthDate);
    expect(input.facts.partners).toEqual([
      { organisationId: organisationIds[0], role: 'police' },
      { organisationId: organisationIds[1], role: 'school' },
    ]);
    expect(input.facts.coordinatorOrganisationId).toBe(organisationIds[2]);
    expect(() => defaultPayloadConverter.fromPayload(started.payload)).toThrow(/binary\/encrypted/);
  });

  it('keeps reading the old payloads after a key rotation, and writes new ones with the new key', async () => {
    const taskQueue = stack?.config.TEMPORAL_TASK_QUEUE ?? '';
    await stack?.stop();
    stack = undefined;
    // A fresh api and worker (an empty workflow cache, so the worker replays the whole history written with the old
    // key) with the new key current and the old one kept, on the same task queue.
    stack = await startStack({ ...rotated, TEMPORAL_TASK_QUEUE: taskQueue });

    const corrected = await requestAs<{ birthDate: string }>(
      stack,
      'coordinator',
      'POST',
      `/api/v1/trajectories/${trajectoryId}/birth-date-corrections`,
      { birthDate: correctedBirthDate },
    );
    expect(corrected.status).toBe(200);
    expect(corrected.body.birthDate).toBe(correctedBirthDate);

    const stored = await history();
    const payloads = payloadsIn(stored);
    const byAttributes = (name: string) => payloads.filter((p) => p.attributes === name);
    expect(byAttributes('workflowExecutionStartedEventAttributes').map((p) => keyIdOf(p.payload))).toEqual(['e2e-old']);
    const [update] = byAttributes('workflowExecutionUpdateAcceptedEventAttributes');
    expect(keyIdOf(update.payload)).toBe('e2e-new');
    expect(byAttributes('workflowExecutionUpdateCompletedEventAttributes').map((p) => keyIdOf(p.payload))).toEqual([
      'e2e-new',
    ]);
    expect(payloads.every((p) => text(p.payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING)).toBe(true);
    expect(new Set(payloads.map((p) => keyIdOf(p.payload)))).toEqual(new Set(['e2e-old', 'e2e-new']));
    expectNothingInClear(rawText(stored));

    const [codec] = dataConverter(stack.config).payloadCodecs ?? [];
    expect(await decodeOne(codec, update.payload)).toEqual({ birthDate: correctedBirthDate });
    // What the new worker replayed could only be read with the old key: without it, the start is unreadable.
    const [withoutOld] =
      dataConverter(loadConfig({ ...process.env, ...rotated, PAYLOAD_KEYS: rotated.PAYLOAD_KEYS.split(',')[1] }))
        .payloadCodecs ?? [];
    const [started] = byAttributes('workflowExecutionStartedEventAttributes');
    await expect(withoutOld.decode([started.payload])).rejects.toThrow(/key id "e2e-old" cannot be decrypted/);
  });
  describe('what reaches the workflow without the api', () => {
    const factsRow = async () => {
      const [row] = await (stack as Stack).dataSource.query<{ facts: unknown; facts_revision: number }[]>(
        'SELECT facts, facts_revision FROM trajectories WHERE id = $1',
        [trajectoryId],
      );
      return row;
    };
    /**
     * Sends `correctBirthDate` straight to the workflow, past the api, over a connection of its own. Whatever the
     * sender hears back (a refusal, an undecodable result, nothing within 15 s) does not matter: what counts is what
     * PostgreSQL holds afterwards. A refused update fails the workflow task it arrives in, and the SDK keeps re-sending
     * it; closing the connection stops that, as an attacker's CLI would give up (see the last test).
     */
    async function sendPastTheApi(codecs: PayloadCodec[]): Promise<void> {
      const own = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
      const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
      const client = new Client({ connection: own, namespace, dataConverter: { payloadCodecs: codecs } });
      try {
        await Promise.race([
          client.workflow
            .getHandle(trajectoryWorkflowId(trajectoryId))
            .executeUpdate('correctBirthDate', { args: [{ birthDate: smuggledBirthDate }] })
            .catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, 15_000)),
        ]);
      } finally {
        await own.close();
      }
    }

    it('refuses an update sent in plain JSON without the codec (as the Temporal CLI sends it): nothing changes', async () => {
      const before = await factsRow();

      await sendPastTheApi([]);

      expect(await factsRow()).toEqual(before);
      expect(JSON.stringify(before.facts)).toContain(correctedBirthDate); // as the rotation test left it
    });

    it('refuses a ciphertext sealed for another workflow (the ciphertext is bound to its workflow id)', async () => {
      const before = await factsRow();
      const [codec] = dataConverter(stack?.config ?? {}).payloadCodecs ?? [];
      const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
      const elsewhere = { type: 'workflow' as const, namespace, workflowId: trajectoryWorkflowId(randomUUID()) };

      // A sender holding the key (an insider replaying a copied ciphertext): each payload sealed for another workflow.
      await sendPastTheApi([
        { encode: (payloads) => codec.encode(payloads, elsewhere), decode: (p) => codec.decode(p) },
      ]);

      expect(await factsRow()).toEqual(before);
    });

    it('takes the api’s next change again once the sender of the refused updates gave up', async () => {
      const next = today.minus({ years: 15, months: 8 }).set({ day: 3 }).toISODate() ?? '';
      const deadline = Date.now() + 90_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        ({ status } = await requestAs(
          stack as Stack,
          'coordinator',
          'POST',
          `/api/v1/trajectories/${trajectoryId}/birth-date-corrections`,
          { birthDate: next },
        ));
      }
      expect(status).toBe(200);
      expect(JSON.stringify((await factsRow()).facts)).toContain(next);
    });
  });
});
