import { createSecretKey, type KeyObject } from 'node:crypto';
import {
  METADATA_ENCODING_KEY,
  ValueError,
  type Payload,
  type PayloadCodec,
  type SerializationContext,
} from '@temporalio/common';
import { AES_KEY_BYTES, open, seal, SealedDataError } from '@doorloop/crypto';
import { payloadFromBytes, payloadToBytes } from './payload-bytes';

/** The `encoding` metadata of a payload this codec encrypted. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with; decoding picks the key by it. */
export const ENCRYPTION_KEY_ID = 'encryption-key-id';
/** Metadata naming the namespace of the workflow a payload is bound to (authenticated, see `AesGcmPayloadCodec`). */
export const ENCRYPTION_NAMESPACE = 'encryption-namespace';
/** Metadata naming the workflow id a payload is bound to (authenticated, see `AesGcmPayloadCodec`). */
export const ENCRYPTION_WORKFLOW_ID = 'encryption-workflow-id';

/** A payload that cannot be decrypted. Its message names the key id and the reason, never any content. */
export class PayloadDecryptionError extends ValueError {}
Object.defineProperty(PayloadDecryptionError.prototype, 'name', { value: 'PayloadDecryptionError', enumerable: true });

export interface PayloadCodecKeys {
  /** Encrypts every new payload. */
  currentKeyId: string;
  /** Every key that may have encrypted a payload still in a history, the current one included, by id. */
  keys: Iterable<readonly [string, KeyObject | Uint8Array]>;
}

/**
 * Encrypts every Temporal payload with AES-256-GCM before it leaves the process, so that workflow inputs, update
 * arguments, activity inputs and results and (with the encoding failure converter) error messages reach the Temporal
 * server, its database and its UI only as ciphertext.
 *
 * An encrypted payload is `{ metadata: { encoding: binary/encrypted, encryption-key-id, encryption-namespace,
 * encryption-workflow-id }, data: iv ‖ ciphertext ‖ tag }`: the whole original payload (its metadata included,
 * serialized as a protobuf `Payload`) is the plaintext, a fresh random 12-byte IV per payload. The additional
 * authenticated data is the key id and the namespace and workflow id of the SDK's serialization context (the workflow
 * the payload is sent to or comes from; for an activity, the workflow that scheduled it): a ciphertext copied into
 * another workflow fails to decode there. New payloads are encrypted with the current key; decoding picks the key by
 * the id the payload names, so after a rotation the older payloads stay readable for as long as their key is
 * configured.
 *
 * Decoding refuses every payload that is not encrypted for the workflow it is decoded for: a plain-JSON update sent
 * with the Temporal CLI, or a ciphertext of another trajectory, never reaches workflow code. Without a serialization
 * context (the remote codec endpoint reading a history for the Temporal UI) a bound payload is read with the binding it
 * names, and the only payloads let through in clear are the two the SDK's core writes past the codec (see
 * `isSdkPatchBookkeeping`).
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  readonly #keys = new Map<string, KeyObject>();
  readonly #currentKeyId: string;

  constructor({ currentKeyId, keys }: PayloadCodecKeys) {
    for (const [id, key] of keys) {
      const secret = key instanceof Uint8Array ? createSecretKey(key) : key;
      if (secret.type !== 'secret' || secret.symmetricKeySize !== AES_KEY_BYTES) {
        throw new ValueError(`Payload key "${id}" must be a ${AES_KEY_BYTES}-byte secret key`);
      }
      this.#keys.set(id, secret);
    }
    if (!this.#keys.has(currentKeyId)) {
      throw new ValueError(`The current payload key id "${currentKeyId}" is not among the configured keys`);
    }
    this.#currentKeyId = currentKeyId;
  }

  get currentKeyId(): string {
    return this.#currentKeyId;
  }

  encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return new Promise((resolve) =>
      resolve(payloads.map((payload) => (isEncrypted(payload) ? payload : this.encrypt(payload, bindingOf(context))))),
    );
  }

  decode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    return new Promise((resolve) => resolve(payloads.map((payload) => this.decodeOne(payload, context))));
  }

  private decodeOne(payload: Payload, context: SerializationContext | undefined): Payload {
    if (!isEncrypted(payload)) {
      if (context === undefined && isSdkPatchBookkeeping(payload)) return payload;
      throw new PayloadDecryptionError(
        'Refused a payload that is not encrypted: everything sent to a trajectory workflow must come through the api ' +
          '(a client with PAYLOAD_KEYS), never in clear through the Temporal CLI or UI',
      );
    }
    const bound = payloadBinding(payload);
    if (context !== undefined) {
      const expected = bindingOf(context);
      if (bound?.namespace !== expected?.namespace || bound?.workflowId !== expected?.workflowId) {
        throw new PayloadDecryptionError(
          `Refused an encrypted payload bound to ${describeBinding(bound)} where ${describeBinding(expected)} ` +
            'was expected: a ciphertext cannot be moved between workflows',
        );
      }
    }
    return this.decrypt(payload, bound);
  }

  private encrypt(payload: Payload, binding: PayloadBinding | undefined): Payload {
    const keyId = this.#currentKeyId;
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING, 'utf8'),
        [ENCRYPTION_KEY_ID]: Buffer.from(keyId, 'utf8'),
        ...(binding && {
          [ENCRYPTION_NAMESPACE]: Buffer.from(binding.namespace, 'utf8'),
          [ENCRYPTION_WORKFLOW_ID]: Buffer.from(binding.workflowId, 'utf8'),
        }),
      },
      data: seal(this.key(keyId), payloadToBytes(payload), associatedData(keyId, binding)),
    };
  }

  private decrypt(payload: Payload, binding: PayloadBinding | undefined): Payload {
    const idBytes = payload.metadata?.[ENCRYPTION_KEY_ID];
    if (!idBytes) throw new PayloadDecryptionError(`An encrypted payload names no ${ENCRYPTION_KEY_ID}`);
    const keyId = Buffer.from(idBytes).toString('utf8');
    const named = JSON.stringify(keyId.slice(0, 64));
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `Payload encrypted with key id ${named} cannot be decrypted: no key with that id is configured ` +
          `(configured: ${[...this.#keys.keys()].join(', ')}). Add that key to PAYLOAD_KEYS again.`,
      );
    }
    let plaintext: Buffer;
    try {
      plaintext = open(key, payload.data ?? new Uint8Array(0), associatedData(keyId, binding));
    } catch (error) {
      if (error instanceof SealedDataError && error.reason === 'truncated') {
        throw new PayloadDecryptionError(`Payload encrypted with key id ${named} is truncated`);
      }
      throw new PayloadDecryptionError(
        `Payload encrypted with key id ${named} failed authentication: it was altered (its key id or workflow ` +
          'binding included), or the key under that id is not the one it was encrypted with',
      );
    }
    return payloadFromBytes(plaintext);
  }

  private key(id: string): KeyObject {
    const key = this.#keys.get(id);
    if (!key) throw new ValueError(`No payload key "${id}"`);
    return key;
  }
}

export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && Buffer.from(encoding).toString('utf8') === ENCRYPTED_ENCODING;
}

/** The workflow a payload belongs to: its namespace and workflow id (opaque, see `trajectoryWorkflowId`). */
export interface PayloadBinding {
  namespace: string;
  workflowId: string;
}

/**
 * The workflow of the SDK's serialization context: for a workflow, itself; for an activity, the workflow that
 * scheduled it (both sides of an activity know it). No context (the codec endpoint), or an activity without a
 * workflow: unbound.
 */
function bindingOf(context: SerializationContext | undefined): PayloadBinding | undefined {
  if (!context?.workflowId) return undefined;
  return { namespace: context.namespace, workflowId: context.workflowId };
}

/**
 * The workflow an encrypted payload names as its own (metadata; authenticated when it is decrypted, so a payload that
 * names another workflow than the one it was sealed for fails to decrypt). Undefined for an unbound payload.
 */
export function payloadBinding(payload: Payload): PayloadBinding | undefined {
  const namespace = payload.metadata?.[ENCRYPTION_NAMESPACE];
  const workflowId = payload.metadata?.[ENCRYPTION_WORKFLOW_ID];
  if (!namespace && !workflowId) return undefined;
  return {
    namespace: Buffer.from(namespace ?? []).toString('utf8'),
    workflowId: Buffer.from(workflowId ?? []).toString('utf8'),
  };
}

function describeBinding(binding: PayloadBinding | undefined): string {
  return binding ? `workflow ${JSON.stringify(binding.workflowId.slice(0, 80))}` : 'no workflow';
}

/**
 * The authenticated data: the key id alone for an unbound payload (as every payload was before the binding), else a
 * JSON array that cannot be confused with it or with another binding.
 */
function associatedData(keyId: string, binding: PayloadBinding | undefined): Buffer {
  if (!binding) return Buffer.from(keyId, 'utf8');
  return Buffer.from(
    JSON.stringify(['doorloop-payload-binding', keyId, binding.namespace, binding.workflowId]),
    'utf8',
  );
}

const JSON_ENCODING = 'json/plain';

/**
 * The only payloads in a history the codec never saw: the SDK core writes the data of a `patched()` marker
 * (`{"id":"<patch id>","deprecated":<bool>}`, marker detail `patch-data`) and the TemporalChangeVersion search
 * attribute (a KeywordList of patch ids) itself, and never hands either to a worker's codec. Both carry patch ids
 * only. They are let through only where there is no serialization context — where a history is read, not where a
 * workflow or activity receives its input.
 */
export function isSdkPatchBookkeeping(payload: Payload): boolean {
  const metadata = payload.metadata ?? {};
  const meta: Record<string, string> = Object.fromEntries(
    Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value ?? []).toString('utf8')]),
  );
  const keys = Object.keys(meta).length;
  if (meta[METADATA_ENCODING_KEY] !== JSON_ENCODING) return false;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload.data ?? []).toString('utf8'));
  } catch {
    return false;
  }
  if (keys === 1) {
    return (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).sort().join() === 'deprecated,id' &&
      typeof (value as { id: unknown }).id === 'string' &&
      typeof (value as { deprecated: unknown }).deprecated === 'boolean'
    );
  }
  return (
    keys === 2 && meta.type === 'KeywordList' && Array.isArray(value) && value.every((id) => typeof id === 'string')
  );
}
