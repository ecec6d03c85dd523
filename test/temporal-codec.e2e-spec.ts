import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { generateKey } from '@doorloop/config';
import {
  AesGcmPayloadCodec,
  dataConverter,
  ENCRYPTION_KEY_ID,
  retentionScheduleId,
  trajectoryWorkflowId,
} from '@doorloop/temporal';
import { request, startStack, type Stack, requestAs } from './stack';
import { bornAgo } from './dates';
import { pseudonym } from './pseudonyms';
import { createTestRegion, type TestRegion } from './test-region';

interface JsonPayload {
  metadata: Record<string, string>;
  data: string;
}
interface Problem {
  errors?: { in: string; field: string; detail: string }[];
}

const UI_ORIGIN = 'http://127.0.0.1:8233';
const DECODE = '/api/v1/temporal-codec/decode';

/** A payload as the Temporal UI sends it: the protobuf JSON of temporal.api.common.v1.Payload. */
const toJson = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')]),
  ),
  data: Buffer.from(data ?? []).toString('base64'),
});
const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
  data: Buffer.from(data, 'base64'),
});

describe('codec endpoint for the Temporal UI: POST /temporal-codec/decode', () => {
  const keys = { PAYLOAD_KEYS: `codec-e2e:${generateKey()}`, PAYLOAD_KEY_ID: 'codec-e2e' };
  let sut: Stack;
  let connection: Connection;
  /** A trajectory of the demo region (the demo admin's), and one of another region with its own admin. */
  let ownTrajectory: string;
  let other: TestRegion;
  let foreignTrajectory: string;
  const value = { trajectoryId: 'b6f1c0de-0000-4000-8000-0000000c0dec', birthDate: bornAgo(15, 4) };

  const workerCodec = () => {
    const [codec] = dataConverter(sut.config).payloadCodecs ?? [];
    return codec;
  };
  const namespace = () => sut.config.TEMPORAL_NAMESPACE;
  /** Sealed as the api and the worker seal what they send to the workflow of `trajectoryId`. */
  const sealedFor = async (trajectoryId: string, payload: Payload, codec = workerCodec()) =>
    (
      await codec.encode([payload], {
        type: 'workflow',
        namespace: namespace(),
        workflowId: trajectoryWorkflowId(trajectoryId),
      })
    )[0];
  const decode = (payloads: JsonPayload[], headers: Record<string, string> = {}, username = 'admin') =>
    requestAs<{ payloads: JsonPayload[] } & Problem>(sut, username, 'POST', DECODE, { payloads }, headers);
  /** The audit record of a request, by the request id the api answered with. */
  const auditRecordOf = async (response: { headers: Headers }) => {
    const rows = await sut.dataSource.query<{ action: string; trajectory_id: string | null; object_ids: string[] }[]>(
      'SELECT action, trajectory_id, object_ids FROM audit_records WHERE request_id = $1',
      [response.headers.get('x-request-id')],
    );
    expect(rows).toHaveLength(1);
    return { action: rows[0].action, trajectoryId: rows[0].trajectory_id, objectIds: rows[0].object_ids };
  };
  const startTrajectory = async (username: string, municipalityCode: string) => {
    const created = await requestAs<{ id: string }>(sut, username, 'POST', '/api/v1/trajectories', {
      pseudonym: pseudonym(),
      birthDate: bornAgo(15),
      municipalityCode,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };
  /** The input of a workflow's start as the Temporal server stores it and the UI receives it (no codec). */
  const startInput = async (trajectoryId: string) => {
    const plain = new Client({ connection, namespace: namespace() });
    const history = await plain.workflow.getHandle(trajectoryWorkflowId(trajectoryId)).fetchHistory();
    const input = history.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    expect(input).toHaveLength(1);
    return input.map((payload) => toJson(payload));
  };

  beforeAll(async () => {
    sut = await startStack({ ...keys, TEMPORAL_UI_URL: `${UI_ORIGIN}/` });
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    ownTrajectory = await startTrajectory('coordinator', 'GM9901');
    other = await createTestRegion(sut.dataSource);
    foreignTrajectory = await startTrajectory(other.users.coordinator, other.municipalities[0]);
  });
  afterAll(async () => {
    await sut?.stop();
    await connection?.close();
  });

  it('decrypts what the worker’s codec encrypted for a workflow of the admin’s region', async () => {
    const encrypted = await sealedFor(ownTrajectory, defaultPayloadConverter.toPayload(value));
    expect(Buffer.from(encrypted.metadata?.[ENCRYPTION_KEY_ID] ?? []).toString()).toBe('codec-e2e');

    const response = await decode([toJson(encrypted)]);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [decoded] = response.body.payloads;
    expect(Buffer.from(decoded.metadata[METADATA_ENCODING_KEY], 'base64').toString()).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(fromJson(decoded))).toEqual(value);
  });

  it('decrypts the payloads of a real workflow history, as the UI sends them', async () => {
    const response = await decode(await startInput(ownTrajectory));

    expect(response.status).toBe(200);
    const started = defaultPayloadConverter.fromPayload<{ trajectoryId: string }>(fromJson(response.body.payloads[0]));
    expect(started.trajectoryId).toBe(ownTrajectory);
  });

  describe('the export has a subject and a region (issue 19, finding 3)', () => {
    it('names the trajectory and namespace/workflowId decrypted in its audit record', async () => {
      const response = await decode(await startInput(ownTrajectory));

      expect(response.status).toBe(200);
      expect(await auditRecordOf(response)).toEqual({
        action: 'export',
        trajectoryId: ownTrajectory,
        objectIds: [`${namespace()}/trajectory-${ownTrajectory}`],
      });
    });

    it('gives an admin of another region the payload back still encrypted, and decrypts it for its own', async () => {
      const sent = await startInput(foreignTrajectory);

      const elsewhere = await decode(sent);

      expect(elsewhere.status).toBe(200);
      expect(elsewhere.body.payloads).toEqual(sent);
      expect(Buffer.from(elsewhere.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
      expect(JSON.stringify(elsewhere.body)).not.toContain(foreignTrajectory);
      expect(await auditRecordOf(elsewhere)).toEqual({ action: 'export', trajectoryId: null, objectIds: [] });

      // The positive control: the same payload, sent by the admin of its region, is decrypted.
      const own = await decode(sent, {}, other.users.admin);
      expect(own.status).toBe(200);
      expect(defaultPayloadConverter.fromPayload<{ trajectoryId: string }>(fromJson(own.body.payloads[0]))).toEqual(
        expect.objectContaining({ trajectoryId: foreignTrajectory }),
      );
      expect(await auditRecordOf(own)).toEqual({
        action: 'export',
        trajectoryId: foreignTrajectory,
        objectIds: [`${namespace()}/trajectory-${foreignTrajectory}`],
      });
    });

    it('leaves encrypted what belongs to no trajectory of the region: unbound, another namespace, not a trajectory', async () => {
      const payload = defaultPayloadConverter.toPayload(value);
      const [unbound] = await workerCodec().encode([payload]);
      const bound = (ns: string, workflowId: string) =>
        workerCodec().encode([payload], { type: 'workflow', namespace: ns, workflowId });
      const [otherNamespace] = await bound(`${namespace()}-elsewhere`, trajectoryWorkflowId(ownTrajectory));
      const [retention] = await bound(namespace(), retentionScheduleId('doorloop-trajectories'));
      const [absent] = await bound(namespace(), trajectoryWorkflowId('00000000-0000-4000-8000-00000000c0de'));
      const sent = [unbound, otherNamespace, retention, absent].map((p) => toJson(p));

      const response = await decode(sent);

      expect(response.status).toBe(200);
      expect(response.body.payloads).toEqual(sent);
      expect(await auditRecordOf(response)).toEqual({ action: 'export', trajectoryId: null, objectIds: [] });
    });

    it('names every workflow, and no single trajectory, when payloads of several are decrypted', async () => {
      const second = await startTrajectory('coordinator', 'GM9902');
      const payload = defaultPayloadConverter.toPayload(value);
      const sent = [
        await sealedFor(ownTrajectory, payload),
        await sealedFor(second, payload),
        await sealedFor(ownTrajectory, payload),
        await sealedFor(foreignTrajectory, payload),
      ].map((p) => toJson(p));

      const response = await decode(sent);

      expect(response.status).toBe(200);
      expect(response.body.payloads.slice(0, 3).map((p) => defaultPayloadConverter.fromPayload(fromJson(p)))).toEqual([
        value,
        value,
        value,
      ]);
      expect(response.body.payloads[3]).toEqual(sent[3]);
      expect(await auditRecordOf(response)).toEqual({
        action: 'export',
        trajectoryId: null,
        objectIds: [`${namespace()}/trajectory-${ownTrajectory}`, `${namespace()}/trajectory-${second}`],
      });
    });
  });

  it('refuses payloads that were never encrypted, naming them, but passes the SDK core’s patch bookkeeping (issue 19)', async () => {
    const plain = toJson(defaultPayloadConverter.toPayload('not encrypted'));
    const patchData = toJson({
      metadata: { encoding: Buffer.from('json/plain') },
      data: Buffer.from('{"id":"follow-up","deprecated":false}'),
    });
    const encrypted = await sealedFor(ownTrajectory, defaultPayloadConverter.toPayload(value));

    const refused = await decode([plain, toJson(encrypted), plain]);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((error) => error.field)).toEqual(['payloads[0]', 'payloads[2]']);
    expect(refused.body.errors?.[0].detail).toMatch(/^Refused a payload that is not encrypted/);

    const read = await decode([patchData, toJson(encrypted)]);
    expect(read.status).toBe(200);
    expect(read.body.payloads.map((p) => defaultPayloadConverter.fromPayload(fromJson(p)))).toEqual([
      { id: 'follow-up', deprecated: false },
      value,
    ]);
  });

  it('names the payload it cannot decrypt and its key id, as problem+json', async () => {
    // A codec with a key the api does not have, under an id it does not know.
    const elsewhere = new AesGcmPayloadCodec({ currentKeyId: 'elsewhere', keys: [['elsewhere', randomBytes(32)]] });
    const foreign = await sealedFor(ownTrajectory, defaultPayloadConverter.toPayload(value), elsewhere);
    const ours = await sealedFor(ownTrajectory, defaultPayloadConverter.toPayload(value));

    const response = await decode([toJson(ours), toJson(foreign)]);

    expect(response.status).toBe(400);
    expect(response.body.errors?.map((error) => error.field)).toEqual(['payloads[1]']);
    expect(response.body.errors?.[0].detail).toMatch(/key id "elsewhere" cannot be decrypted/);
    expect(JSON.stringify(response.body)).not.toContain(value.birthDate);
  });

  it('refuses what is not the protocol’s shape', async () => {
    expect((await decode([{ metadata: { encoding: 'not base64!' }, data: '' }])).status).toBe(400);
    expect((await requestAs(sut, 'admin', 'POST', DECODE, { payload: [] })).status).toBe(400);
    // Operators only: a coordinator may not decrypt histories.
    expect((await requestAs(sut, 'coordinator', 'POST', DECODE, { payloads: [] })).status).toBe(403);
  });

  describe('CORS: open to the Temporal UI for the codec routes only', () => {
    const preflight = (path: string, origin: string) =>
      fetch(`${sut.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,x-namespace',
        },
      });

    it('lets the Temporal UI’s origin send the bearer token to the codec', async () => {
      const response = await preflight(DECODE, UI_ORIGIN);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toBe(
        'authorization,content-type,x-namespace',
      );
      const encrypted = await sealedFor(ownTrajectory, defaultPayloadConverter.toPayload(value));
      const actual = await decode([toJson(encrypted)], { origin: UI_ORIGIN });
      expect(actual.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    });

    it('gives any other origin nothing', async () => {
      const response = await preflight(DECODE, 'http://evil.example');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await decode([], { origin: 'http://evil.example' });
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('keeps the rest of the api closed, also to the Temporal UI', async () => {
      const response = await preflight('/api/v1/trajectories', UI_ORIGIN);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await requestAs(sut, 'coordinator', 'GET', '/api/v1/organisations', undefined, {
        origin: UI_ORIGIN,
      });
      expect(actual.status).toBe(200);
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('is documented in the OpenAPI document, like every route', async () => {
    const document = await request<{ paths: Record<string, { post?: { tags?: string[] } }> }>(
      sut,
      'GET',
      '/api/v1/openapi.json',
    );
    expect(document.body.paths['/temporal-codec/decode']?.post?.tags).toEqual(['temporal-codec']);
  });
});
