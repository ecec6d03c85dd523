import { temporal } from '@temporalio/proto';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { createRequire } from 'node:module';

export type History = temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options: { ignoreUnknownFields: boolean }): temporal.api.history.v1.History;
}

/*
 * Histories as the standard proto JSON that the Temporal CLI (`temporal workflow show --output json`) and the web UI
 * write. The SDK's own `historyToJSON` / `historyFromJSON` (@temporalio/common) fail in this install with "type must
 * be a Type": @temporalio/common and @temporalio/proto each get their own copy of protobufjs 8 (the root holds
 * protobufjs 7 for @grpc/proto-loader), and protojson checks `instanceof Type` against its own copy. So the protojson
 * extension is loaded here from the protobufjs that @temporalio/proto itself resolves, whose `Type` the history type
 * is; in an install where protobufjs is deduplicated this is the same module.
 */
const protojson = createRequire(require.resolve('@temporalio/proto'))('protobufjs/ext/protojson') as ProtoJson;
const root = patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown };
const historyType = root.lookupType('temporal.api.history.v1.History');

export function historyToJson(history: History): unknown {
  return protojson.toJson(historyType, temporal.api.history.v1.History.fromObject(history));
}

export function historyFromJson(json: unknown): temporal.api.history.v1.History {
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true });
}
