import { ValueError, type Payload } from '@temporalio/common';

/**
 * A `temporal.api.common.v1.Payload` to and from its protobuf wire bytes (field 1: `map<string, bytes> metadata`, field
 * 2: `bytes data`), so that the codec encrypts a payload whole, its metadata (the original encoding) included. Written
 * out here because `@temporalio/proto` is not a dependency of ours; the unit tests check it against that package.
 */
export function payloadToBytes(payload: Payload): Buffer {
  if (payload.externalPayloads && payload.externalPayloads.length > 0) {
    throw new ValueError('Payloads stored externally are not supported by the encrypting payload codec');
  }
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    parts.push(
      lengthDelimited(
        1,
        Buffer.concat([lengthDelimited(1, Buffer.from(key, 'utf8')), lengthDelimited(2, value ?? [])]),
      ),
    );
  }
  if (payload.data && payload.data.length > 0) parts.push(lengthDelimited(2, payload.data));
  return Buffer.concat(parts);
}

export function payloadFromBytes(bytes: Uint8Array): Payload {
  const metadata: Record<string, Uint8Array> = {};
  let data: Uint8Array = new Uint8Array(0);
  for (const [field, value] of lengthDelimitedFields(bytes)) {
    if (field === 1) {
      let key = '';
      let entry: Uint8Array = new Uint8Array(0);
      for (const [entryField, entryValue] of lengthDelimitedFields(value)) {
        if (entryField === 1) key = Buffer.from(entryValue).toString('utf8');
        if (entryField === 2) entry = entryValue;
      }
      metadata[key] = entry;
    } else if (field === 2) {
      data = value;
    }
  }
  return { metadata, data };
}

function lengthDelimited(field: number, value: Uint8Array | readonly number[]): Buffer {
  const bytes = Buffer.from(value as Uint8Array);
  return Buffer.concat([varint(field * 8 + 2), varint(bytes.length), bytes]);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) + 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/** The length-delimited fields of a message, in order; fields of other wire types are skipped. */
function* lengthDelimitedFields(bytes: Uint8Array): Generator<[number, Uint8Array]> {
  let at = 0;
  const readVarint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (at >= bytes.length) throw malformed();
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
    throw malformed();
  };
  const skip = (length: number) => {
    if (at + length > bytes.length) throw malformed();
    at += length;
  };
  while (at < bytes.length) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    switch (tag % 8) {
      case 0:
        readVarint();
        break;
      case 1:
        skip(8);
        break;
      case 2: {
        const length = readVarint();
        const start = at;
        skip(length);
        yield [field, bytes.subarray(start, at)];
        break;
      }
      case 5:
        skip(4);
        break;
      default:
        throw malformed();
    }
  }
}

const malformed = () => new ValueError('A decrypted payload is not a well-formed Payload message');
