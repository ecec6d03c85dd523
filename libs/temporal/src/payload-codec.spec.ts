import { ApplicationFailure, defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  encodeFailure,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@doorloop/config';
import { dataConverter, FAILURE_CONVERTER_PATH } from './data-converter';
import { payloadFromBytes, payloadToBytes } from './payload-bytes';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  ENCRYPTION_KEY_ID,
  ENCRYPTION_NAMESPACE,
  ENCRYPTION_WORKFLOW_ID,
  PayloadDecryptionError,
  isEncrypted,
  isSdkPatchBookkeeping,
} from './payload-codec';
import { rawText } from '../test/raw-text';

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const keyOld = randomBytes(32);
const keyNew = randomBytes(32);
const codecWith = (currentKeyId: string, keys: Record<string, Buffer>) =>
  new AesGcmPayloadCodec({ currentKeyId, keys: Object.entries(keys) });

/** Synthetic, but shaped like what a trajectory workflow carries. */
const input = { trajectoryId: 'b6f1', facts: { birthDate: '2011-08-13', municipalityCode: 'GM9901' } };
const SECRET = '2011-08-13';

async function encryptOne(codec: AesGcmPayloadCodec, value: unknown): Promise<Payload> {
  const [payload] = await codec.encode([defaultPayloadConverter.toPayload(value)]);
  return payload;
}

async function decryptOne(codec: AesGcmPayloadCodec, payload: Payload): Promise<unknown> {
  const [decoded] = await codec.decode([payload]);
  return defaultPayloadConverter.fromPayload(decoded);
}

describe('AesGcmPayloadCodec', () => {
  const codec = codecWith('k1', { k1: keyOld });

  it('round-trips every kind of value the default converter makes, metadata included', async () => {
    const values = [input, 'Zoë – ✓', 42, null, undefined, new Uint8Array([0, 1, 255]), [], {}];
    const plain = values.map((value) => defaultPayloadConverter.toPayload(value));
    const encrypted = await codec.encode(plain);
    const decrypted = await codec.decode(encrypted);

    expect(decrypted.map((payload) => defaultPayloadConverter.fromPayload(payload))).toEqual(values);
    expect(decrypted.map((payload) => Object.keys(payload.metadata ?? {}))).toEqual(
      plain.map((payload) => Object.keys(payload.metadata ?? {})),
    );
    expect(decrypted.map((payload) => text(payload.metadata?.[METADATA_ENCODING_KEY]))).toEqual(
      plain.map((payload) => text(payload.metadata?.[METADATA_ENCODING_KEY])),
    );
  });

  it('marks each encrypted payload binary/encrypted with its key id, and hides content and original encoding', async () => {
    const payload = await encryptOne(codec, input);

    expect(Object.keys(payload.metadata ?? {}).sort()).toEqual([ENCRYPTION_KEY_ID, METADATA_ENCODING_KEY].sort());
    expect(text(payload.metadata?.[METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(text(payload.metadata?.[ENCRYPTION_KEY_ID])).toBe('k1');
    const raw = Buffer.from(payload.data ?? []).toString('latin1');
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain('json/plain');
    expect(isEncrypted(payload)).toBe(true);
  });

  it('uses a fresh random 12-byte IV for every payload', async () => {
    const same = defaultPayloadConverter.toPayload(input);
    const encrypted = await codec.encode(Array.from({ length: 500 }, () => same));
    const ivs = encrypted.map((payload) =>
      Buffer.from(payload.data ?? [])
        .subarray(0, 12)
        .toString('hex'),
    );
    const bodies = encrypted.map((payload) => Buffer.from(payload.data ?? []).toString('hex'));

    expect(new Set(ivs).size).toBe(500);
    expect(new Set(bodies).size).toBe(500);
    // iv ‖ ciphertext ‖ 16-byte tag: the plaintext is the serialized payload, so the length gives away nothing else.
    expect(encrypted[0].data?.length).toBe(12 + payloadToBytes(same).length + 16);
  });

  it('does not encrypt a payload that is already encrypted', async () => {
    const once = await encryptOne(codec, input);
    const [twice] = await codec.encode([once]);

    expect(twice).toBe(once);
    expect(await decryptOne(codec, twice)).toEqual(input);
  });

  describe('what is not encrypted', () => {
    const workflow = { type: 'workflow' as const, namespace: 'doorloop', workflowId: 'trajectory-b6f1' };
    /** Exactly what the SDK core writes for `patched('follow-up')` (sdk-core `build_has_change_marker_details`). */
    const patchData = {
      metadata: { encoding: Buffer.from('json/plain') },
      data: Buffer.from('{"id":"follow-up","deprecated":false}'),
    };
    /** And its TemporalChangeVersion search attribute (sdk-core patch_state_machine). */
    const changeVersion = {
      metadata: { encoding: Buffer.from('json/plain'), type: Buffer.from('KeywordList') },
      data: Buffer.from('["follow-up"]'),
    };

    it.each([
      ['a plain-JSON update argument', defaultPayloadConverter.toPayload({ birthDate: SECRET })],
      ['undefined', defaultPayloadConverter.toPayload(undefined)],
      ['raw bytes', defaultPayloadConverter.toPayload(new Uint8Array([1, 2]))],
      ['a payload shaped like patch data', patchData],
    ])('refuses %s for a workflow, naming the way in and none of the content', async (_what, payload) => {
      const error = await codec.decode([payload], workflow).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(PayloadDecryptionError);
      expect((error as Error).message).toMatch(/^Refused a payload that is not encrypted/);
      expect((error as Error).message).not.toContain(SECRET);
    });

    it('refuses a plain payload where no workflow is named, unless it is the SDK core’s patch bookkeeping', async () => {
      await expect(codec.decode([defaultPayloadConverter.toPayload({ birthDate: SECRET })])).rejects.toThrow(
        /not encrypted/,
      );
      const decoded = await codec.decode([patchData, changeVersion]);

      expect(decoded[0]).toBe(patchData);
      expect(decoded[1]).toBe(changeVersion);
    });

    it.each([
      ['patch data with another field', { ...patchData, data: Buffer.from('{"id":"x","deprecated":false,"b":1}') }],
      ['patch data with a non-string id', { ...patchData, data: Buffer.from('{"id":7,"deprecated":false}') }],
      ['a keyword list without its type', { ...changeVersion, metadata: { encoding: Buffer.from('json/plain') } }],
      ['a keyword list of objects', { ...changeVersion, data: Buffer.from('[{"birthDate":"x"}]') }],
      ['patch data with extra metadata', { ...patchData, metadata: { ...patchData.metadata, x: Buffer.from('') } }],
    ])('recognises the bookkeeping by its exact shape, not %s', (_what, payload) => {
      expect(isSdkPatchBookkeeping(payload)).toBe(false);
    });
  });

  describe('binding to the workflow', () => {
    const mine = { type: 'workflow' as const, namespace: 'doorloop', workflowId: 'trajectory-aaaa' };
    const other = { ...mine, workflowId: 'trajectory-bbbb' };
    const sealFor = async (context: typeof mine) =>
      (await codec.encode([defaultPayloadConverter.toPayload(input)], context))[0];

    it('names the workflow in the metadata and decodes for that workflow, from a workflow or its activity', async () => {
      const payload = await sealFor(mine);

      expect(text(payload.metadata?.[ENCRYPTION_WORKFLOW_ID])).toBe('trajectory-aaaa');
      expect(text(payload.metadata?.[ENCRYPTION_NAMESPACE])).toBe('doorloop');
      expect(defaultPayloadConverter.fromPayload((await codec.decode([payload], mine))[0])).toEqual(input);
      const activity = {
        type: 'activity' as const,
        namespace: 'doorloop',
        workflowId: mine.workflowId,
        isLocal: false,
      };
      expect(defaultPayloadConverter.fromPayload((await codec.decode([payload], activity))[0])).toEqual(input);
      // Without a context (the codec endpoint) it is read with the binding it names.
      expect(await decryptOne(codec, payload)).toEqual(input);
    });

    it('refuses a ciphertext moved to another workflow or namespace', async () => {
      const payload = await sealFor(mine);

      await expect(codec.decode([payload], other)).rejects.toThrow(
        /bound to workflow "trajectory-aaaa" where workflow "trajectory-bbbb" was expected/,
      );
      await expect(codec.decode([payload], { ...mine, namespace: 'elsewhere' })).rejects.toThrow(
        PayloadDecryptionError,
      );
    });

    it('refuses a moved ciphertext whose binding metadata was rewritten (the binding is authenticated)', async () => {
      const payload = await sealFor(mine);
      const rewritten = {
        ...payload,
        metadata: { ...payload.metadata, [ENCRYPTION_WORKFLOW_ID]: Buffer.from(other.workflowId) },
      };

      await expect(codec.decode([rewritten], other)).rejects.toThrow(/failed authentication/);
      const stripped = { ...payload, metadata: { ...payload.metadata } };
      delete stripped.metadata[ENCRYPTION_WORKFLOW_ID];
      delete stripped.metadata[ENCRYPTION_NAMESPACE];
      await expect(codec.decode([stripped])).rejects.toThrow(/failed authentication/);
    });

    it('refuses an unbound ciphertext (sealed without a workflow) for a workflow', async () => {
      const unbound = await encryptOne(codec, input);

      expect(unbound.metadata?.[ENCRYPTION_WORKFLOW_ID]).toBeUndefined();
      await expect(codec.decode([unbound], mine)).rejects.toThrow(/bound to no workflow where workflow/);
    });
  });

  describe('rotation', () => {
    const before = codecWith('k1', { k1: keyOld });
    const after = codecWith('k2', { k1: keyOld, k2: keyNew });

    it('encrypts new payloads with the current key and still reads payloads of the older one', async () => {
      const old = await encryptOne(before, input);
      const fresh = await encryptOne(after, input);

      expect(text(old.metadata?.[ENCRYPTION_KEY_ID])).toBe('k1');
      expect(text(fresh.metadata?.[ENCRYPTION_KEY_ID])).toBe('k2');
      expect(await decryptOne(after, old)).toEqual(input);
      expect(await decryptOne(after, fresh)).toEqual(input);
    });

    it('lets a process that still runs with the old current key read what the rotated ones write, once it has the new key', async () => {
      // The rolling deployment of docs/deployment.md: first every process learns k2 (still encrypting with k1) …
      const learning = codecWith('k1', { k1: keyOld, k2: keyNew });
      const fresh = await encryptOne(after, input);

      expect(await decryptOne(learning, fresh)).toEqual(input);
      expect(text((await encryptOne(learning, input)).metadata?.[ENCRYPTION_KEY_ID])).toBe('k1');
      // … which is why the new key must be everywhere before it becomes current.
      await expect(before.decode([fresh])).rejects.toThrow(/key id "k2"/);
    });

    it('refuses to read a payload whose key was removed too early, naming the key id', async () => {
      const old = await encryptOne(before, input);
      const onlyNew = codecWith('k2', { k2: keyNew });

      await expect(onlyNew.decode([old])).rejects.toThrow(PayloadDecryptionError);
      await expect(onlyNew.decode([old])).rejects.toThrow(
        /key id "k1" cannot be decrypted: no key with that id is configured \(configured: k2\)/,
      );
    });
  });

  it('fails on an unknown key id with an error that names the id and nothing of the content', async () => {
    const payload = await encryptOne(codecWith('elsewhere', { elsewhere: keyNew }), input);
    const error = await codec.decode([payload]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PayloadDecryptionError);
    expect(String(error)).toMatch(/^PayloadDecryptionError: /);
    expect((error as Error).message).toContain('"elsewhere"');
    expect((error as Error).message).not.toContain(SECRET);
    expect((error as Error).message).not.toContain(keyNew.toString('base64'));
  });

  it('fails on an encrypted payload that names no key id', async () => {
    const payload = await encryptOne(codec, input);
    delete payload.metadata?.[ENCRYPTION_KEY_ID];

    await expect(codec.decode([payload])).rejects.toThrow(/names no encryption-key-id/);
  });

  describe('tampering (GCM authentication)', () => {
    const tamper = async (change: (payload: Payload, data: Buffer) => void) => {
      const payload = await encryptOne(codec, input);
      const data = Buffer.from(payload.data ?? []);
      change(payload, data);
      return codec.decode([{ ...payload, data }]).catch((error: unknown) => error);
    };

    it.each([
      ['the IV', 0],
      ['the ciphertext', 20],
      ['the tag', -1],
    ])('rejects a payload with a flipped bit in %s', async (_part, index) => {
      const error = await tamper((_payload, data) => {
        const at = index < 0 ? data.length + index : index;
        data[at] ^= 0x01;
      });

      expect(error).toBeInstanceOf(PayloadDecryptionError);
      expect((error as Error).message).toMatch(/key id "k1" failed authentication/);
      expect((error as Error).message).not.toContain(SECRET);
    });

    it('rejects a payload moved under another configured key id (the key id is authenticated)', async () => {
      const both = codecWith('k1', { k1: keyOld, k2: keyOld });
      const payload = await encryptOne(both, input);
      const moved = { ...payload, metadata: { ...payload.metadata, [ENCRYPTION_KEY_ID]: Buffer.from('k2') } };

      await expect(both.decode([moved])).rejects.toThrow(/key id "k2" failed authentication/);
    });

    it('rejects a truncated payload', async () => {
      const payload = await encryptOne(codec, input);
      await expect(codec.decode([{ ...payload, data: payload.data?.subarray(0, 27) }])).rejects.toThrow(/truncated/);
    });
  });

  it('refuses a key of the wrong size and a current key id it does not have', () => {
    expect(() => codecWith('k1', { k1: randomBytes(16) })).toThrow(/"k1" must be a 32-byte secret key/);
    expect(() => codecWith('k9', { k1: keyOld })).toThrow(/"k9" is not among the configured keys/);
  });
});

describe('the serialized payload inside the ciphertext', () => {
  const samples: Payload[] = [
    defaultPayloadConverter.toPayload(input),
    defaultPayloadConverter.toPayload(undefined),
    { metadata: { encoding: Buffer.from('binary/plain'), empty: new Uint8Array(0) }, data: randomBytes(300) },
    { metadata: {}, data: randomBytes(70_000) },
  ];

  it.each(samples.map((payload, index) => [index, payload] as const))(
    'is the protobuf temporal.api.common.v1.Payload (sample %d), read and written the same way as the SDK does',
    (_index, payload) => {
      const ours = payloadToBytes(payload);
      const theirs = temporal.api.common.v1.Payload.decode(ours);
      expect(Buffer.from(theirs.data ?? [])).toEqual(Buffer.from(payload.data ?? []));
      expect(Object.keys(theirs.metadata)).toEqual(Object.keys(payload.metadata ?? {}));

      const back = payloadFromBytes(temporal.api.common.v1.Payload.encode(payload).finish());
      expect(Buffer.from(back.data ?? [])).toEqual(Buffer.from(payload.data ?? []));
      expect(Object.fromEntries(Object.entries(back.metadata ?? {}).map(([k, v]) => [k, text(v)]))).toEqual(
        Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, text(v)])),
      );
    },
  );
});

describe('dataConverter', () => {
  const config = (env: Record<string, string>) =>
    loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', TEMPORAL_ADDRESS: '127.0.0.1:7233', ...env });
  const keys = {
    PAYLOAD_KEYS: `2026-01:${keyOld.toString('base64')},2026-11:${keyNew.toString('base64')}`,
    PAYLOAD_KEY_ID: '2026-11',
  };

  it('encrypts with the configured current key and decrypts with any configured one', async () => {
    const converter = dataConverter(config(keys));
    const [codec] = converter.payloadCodecs ?? [];
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(input)]);

    expect(text(encoded.metadata?.[ENCRYPTION_KEY_ID])).toBe('2026-11');
    const older = await encryptOne(codecWith('2026-01', { '2026-01': keyOld }), input);
    expect(defaultPayloadConverter.fromPayload((await codec.decode([older]))[0])).toEqual(input);
  });

  it('refuses to exist without keys, naming the variables', () => {
    expect(() => dataConverter(config({}))).toThrow(ConfigError);
    expect(() => dataConverter(config({}))).toThrow(/PAYLOAD_KEYS: is required to reach Temporal/);
    expect(() => dataConverter(config({}))).toThrow(/PAYLOAD_KEY_ID: is required to reach Temporal/);
  });

  it('encodes failure messages and stack traces, which the codec then encrypts', async () => {
    expect(FAILURE_CONVERTER_PATH).toMatch(/failure-converter\.(ts|js)$/);
    const loaded = loadDataConverter(dataConverter(config(keys)));
    const error = ApplicationFailure.create({ message: `birth date ${SECRET} is invalid`, type: 'Invalid' });

    const failure = await encodeErrorToFailure(loaded, error);
    const encoded = await encodeFailure(loaded.payloadCodecs, failure);

    expect(encoded.message).toBe('Encoded failure');
    expect(encoded.stackTrace).toBe('');
    expect(text(encoded.encodedAttributes?.metadata?.[METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(rawText(encoded)).not.toContain(SECRET);
    expect(rawText(failure)).not.toContain(SECRET); // encoded attributes, before the codec: the message is not in clear
    expect(rawText(await encodeErrorToFailure(loadDataConverter({}), error))).toContain(SECRET); // the detector works

    const decoded = await decodeOptionalFailureToOptionalError(loaded, encoded);
    expect(decoded).toBeInstanceOf(ApplicationFailure);
    expect(decoded?.message).toBe(`birth date ${SECRET} is invalid`);
    expect((decoded as ApplicationFailure).type).toBe('Invalid');
  });
});
