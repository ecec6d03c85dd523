import { Client, Connection } from '@temporalio/client';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { generateKey } from '@doorloop/config';
import { AesGcmPayloadCodec, dataConverter, ENCRYPTION_KEY_ID, trajectoryWorkflowId } from '@doorloop/temporal';
import { request, startStack, type Stack, requestAs } from './stack';
import { bornAgo } from './dates';

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
  const value = { trajectoryId: 'b6f1c0de-0000-4000-8000-0000000c0dec', birthDate: bornAgo(15, 4) };

  const workerCodec = () => {
    const [codec] = dataConverter(sut.config).payloadCodecs ?? [];
    return codec;
  };
  const decode = (payloads: JsonPayload[], headers: Record<string, string> = {}) =>
    requestAs<{ payloads: JsonPayload[] } & Problem>(sut, 'admin', 'POST', DECODE, { payloads }, headers);

  beforeAll(async () => {
    sut = await startStack({ ...keys, TEMPORAL_UI_URL: `${UI_ORIGIN}/` });
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  });
  afterAll(async () => {
    await sut?.stop();
    await connection?.close();
  });

  it('decrypts what the worker’s codec encrypted', async () => {
    const [encrypted] = await workerCodec().encode([defaultPayloadConverter.toPayload(value)]);
    expect(Buffer.from(encrypted.metadata?.[ENCRYPTION_KEY_ID] ?? []).toString()).toBe('codec-e2e');

    const response = await decode([toJson(encrypted)]);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [decoded] = response.body.payloads;
    expect(Buffer.from(decoded.metadata[METADATA_ENCODING_KEY], 'base64').toString()).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(fromJson(decoded))).toEqual(value);
  });

  it('decrypts the payloads of a real workflow history, as the UI sends them', async () => {
    const created = await requestAs<{ id: string }>(sut, 'coordinator', 'POST', '/api/v1/trajectories', {
      pseudonym: 'TRJ-C0D3',
      birthDate: DateTime.now().minus({ years: 15 }).toISODate(),
      municipalityCode: 'GM9901',
    });
    expect(created.status).toBe(201);
    // No codec: what the Temporal server stores and the UI receives.
    const plain = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    const history = await plain.workflow.getHandle(trajectoryWorkflowId(created.body.id)).fetchHistory();
    const input = history.events?.[0].workflowExecutionStartedEventAttributes?.input?.payloads ?? [];
    expect(input).toHaveLength(1);

    const response = await decode(input.map((payload) => toJson(payload)));

    expect(response.status).toBe(200);
    const started = defaultPayloadConverter.fromPayload<{ trajectoryId: string }>(fromJson(response.body.payloads[0]));
    expect(started.trajectoryId).toBe(created.body.id);
  });

  it('refuses payloads that were never encrypted, naming them, but passes the SDK core’s patch bookkeeping (issue 19)', async () => {
    const plain = toJson(defaultPayloadConverter.toPayload('not encrypted'));
    const patchData = toJson({
      metadata: { encoding: Buffer.from('json/plain') },
      data: Buffer.from('{"id":"follow-up","deprecated":false}'),
    });
    const [encrypted] = await workerCodec().encode([defaultPayloadConverter.toPayload(value)]);

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
    const [foreign] = await elsewhere.encode([defaultPayloadConverter.toPayload(value)]);
    const [ours] = await workerCodec().encode([defaultPayloadConverter.toPayload(value)]);

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
      const [encrypted] = await workerCodec().encode([defaultPayloadConverter.toPayload(value)]);
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
