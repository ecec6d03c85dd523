import fc from 'fast-check';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { problemSchema } from '@doorloop/contracts';
import { unlikelyWord } from './leak-forms';
import { requestAs, startStack, tokenFor, type Stack } from './stack';
import { placeAndGoMissing, startNearlyAdult, type NearlyAdult } from './nearly-adult';
import { callerOf } from './route-callers';
import { createTestRegion, type TestRegion } from './test-region';
import { encryptedPayload, validBody, type JsonPayload } from './valid-bodies';

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header' }[];
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

/** Text a client might send where an id or a value belongs: empty, huge, unicode, injection-shaped, or plausible. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.uuid(),
  fc.constantFrom('', ' ', '0', '-1', 'null', 'true', "' OR 1=1 --", '%00', '../../etc/passwd', 'x'.repeat(5000)),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);
/** Control characters, alone or around plausible text: NUL, C0, DEL, C1, line and paragraph separators, a BOM. */
const controlText = fc
  .array(
    fc.constantFrom(
      '\u0000',
      '\u0001',
      '\u0007',
      '\b',
      '\u001b',
      '\u001f',
      '\u007f',
      '\u0085',
      '\u2028',
      '\ufeff',
      'Demo',
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));
/**
 * Cursors that decode (base64url JSON, as the api gives them out) to something it never gave out: dates outside any
 * calendar PostgreSQL keeps, ids that are not UUIDs, other shapes.
 */
const forgedCursor = fc
  .oneof(
    fc.tuple(
      // Fixed dates on purpose: the edges of JavaScript's and PostgreSQL's calendars, a day that never exists.
      fc.constantFrom(
        // eslint-disable-next-line no-restricted-syntax -- fixed date: the last moment JavaScript can represent
        '+275760-09-13T00:00:00.000Z',
        // eslint-disable-next-line no-restricted-syntax -- fixed date: the first moment JavaScript can represent
        '-271821-04-20T00:00:00.000Z',
        // eslint-disable-next-line no-restricted-syntax -- fixed date: before PostgreSQL's first day (4713 BC)
        '-004714-01-01T00:00:00.000Z',
        // eslint-disable-next-line no-restricted-syntax -- fixed date: year zero
        '0000-01-01T00:00:00.000Z',
        // eslint-disable-next-line no-restricted-syntax -- fixed date: the last moment of a four-digit year
        '9999-12-31T23:59:59.999Z',
        // eslint-disable-next-line no-restricted-syntax -- fixed date: 29 February of a common year
        '2030-02-29T00:00:00Z',
        'Tue, 01 Jan 2030',
      ),
      fc.oneof(fc.uuid(), fc.constant('-'.repeat(36)), fc.constant('0'.repeat(36)), fc.constant('z'.repeat(36))),
    ),
    fc.tuple(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string({ maxLength: 40 }),
    ),
    fc.jsonValue({ maxDepth: 2 }),
    fc.tuple(fc.integer(), fc.integer()),
  )
  .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

/** Replaces the string leaves of `value` that `pick` chooses (by their property name and their index) with `text`. */
function withText(
  value: unknown,
  text: string,
  pick: (key: string, leaf: number) => boolean,
  key = '',
  counter = { leaf: 0 },
): unknown {
  if (typeof value === 'string') return pick(key, counter.leaf++) ? text : value;
  if (Array.isArray(value)) return value.map((item) => withText(item, text, pick, key, counter));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, withText(item, text, pick, name, counter)]),
    );
  return value;
}
/** The free-text fields of the bodies: where a person's words go, so where control characters must be refused. */
const TEXT_FIELDS = new Set(['pseudonym', 'reason', 'summary', 'wishes', 'name']);

/**
 * Bodies the api cannot read: bytes that are not what their Content-Encoding says (random, cut off, another
 * compression's), encodings and charsets it does not know, and text that is not JSON. Many carry `marker` where the
 * parser chokes, which no answer may repeat: a parse error that quotes the body would hand a person's words back to
 * whoever sent them.
 */
const unreadableBody = (marker: string, valid: string) =>
  fc.record({
    encoding: fc.constantFrom(undefined, 'identity', 'gzip', 'deflate', 'br', 'zstd', 'compress', 'x-gzip', 'gzip, br'),
    charset: fc.constantFrom(undefined, 'utf-8', 'utf-16le', 'latin1', 'x-unknown'),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ maxLength: 40 }).map((text) => Buffer.from(`{"reason": ${marker}${text}`)),
      fc
        .tuple(fc.constantFrom(gzipSync, deflateSync, brotliCompressSync), fc.boolean(), fc.nat())
        .map(([compress, notJson, cut]) => {
          const bytes = compress(notJson ? `${marker} ${valid}` : valid);
          return cut % 2 === 0 ? bytes : bytes.subarray(0, cut % bytes.length);
        }),
    ),
  });

/**
 * Bad input that reaches the handlers: every endpoint of the API document, with the write budget lifted, fuzzed by
 * fast-check with real ids (own and another region's trajectories, tasks, handovers, court measures, organisations)
 * mixed with hostile ones, valid bodies with a field made hostile (control characters in every text field, foreign
 * ids), forged but decodable cursors, bodies it cannot read. Whatever arrives, the api answers below 500 and never
 * 429, every error is problem+json with its status, and a refused request changes nothing.
 */
describe('bad input on every endpoint', () => {
  let sut: Stack;
  let document: OpenApi;
  let mine: TestRegion;
  let other: TestRegion;
  let own: NearlyAdult;
  let foreign: NearlyAdult;
  /** Issue 13: a placement and an open missing episode of each. */
  let ownIssue13: { placementId: string; episodeId: string };
  let foreignIssue13: { placementId: string; episodeId: string };
  let codecPayload: JsonPayload;

  beforeAll(async () => {
    sut = await startStack({ RATE_LIMIT_WRITES_PER_MINUTE: '100000' });
    codecPayload = await encryptedPayload(sut);
    [mine, other] = [await createTestRegion(sut.dataSource), await createTestRegion(sut.dataSource)];
    own = await startNearlyAdult(sut, mine, 'TRJ-FZ01');
    foreign = await startNearlyAdult(sut, other, 'TRJ-FZ02');
    ownIssue13 = await placeAndGoMissing(sut, mine, own.id);
    foreignIssue13 = await placeAndGoMissing(sut, other, foreign.id);
    document = (await requestAs<OpenApi>(sut, mine.users.coordinator, 'GET', '/api/v1/openapi.json')).body;
  });
  afterAll(async () => {
    await sut?.stop();
  });

  /** What a request can write: rows and revisions, the states a task or handover leaves only on request. */
  const snapshot = async () =>
    JSON.stringify(
      await sut.dataSource.query(
        `SELECT (SELECT count(*) FROM trajectories) AS trajectories,
                (SELECT coalesce(sum(facts_revision), 0) FROM trajectories) AS revisions,
                (SELECT string_agg(id || status, ',' ORDER BY id) FROM trajectories) AS statuses,
                (SELECT count(*) FROM tasks WHERE status IN ('claimed', 'done')) AS answered_tasks,
                (SELECT count(*) FROM handovers WHERE status <> 'pending') AS answered_handovers,
                (SELECT count(*) FROM trajectory_identities) AS identities,
                (SELECT count(*) FROM trajectory_closures) AS closures,
                (SELECT count(*) FROM legal_overrides) AS overrides,
                (SELECT count(*) FROM placement_notes) AS notes`,
      ),
    );

  /** A user of my region whom the route admits, so that a request reaches its handler. */
  const callerFor = (path: string) =>
    callerOf(path) === 'police' ? mine.users['youth-care'] : mine.users[callerOf(path)];
  /** The route's address on my own objects. */
  const ownUrl = (path: string) =>
    `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'courtMeasureId'
        ? own.courtMeasureId
        : name === 'placementId' || name === 'episodeId'
          ? ownIssue13[name]
          : path.startsWith('/tasks')
            ? own.tasks[0].id
            : path.startsWith('/handovers')
              ? own.handover.id
              : own.id,
    )}`;
  const writeRoutes = () =>
    Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => method === 'post' || method === 'put')
        .map((method) => ({ path, method: method.toUpperCase(), route: `${method.toUpperCase()} ${path}` })),
    );

  it('never answers 5xx or 429, always problem+json for errors, and a refused request writes nothing', async () => {
    const realIds = (trajectory: NearlyAdult, region: TestRegion) => ({
      id: [trajectory.id],
      placementId: [(trajectory === own ? ownIssue13 : foreignIssue13).placementId],
      episodeId: [(trajectory === own ? ownIssue13 : foreignIssue13).episodeId],
      tasks: trajectory.tasks.map((t) => t.id),
      handovers: [trajectory.handover.id],
      courtMeasureId: [trajectory.courtMeasureId],
      organisationId: Object.values(region.organisations),
      municipalityCode: region.municipalities,
    });
    const [mineIds, foreignIds] = [realIds(own, mine), realIds(foreign, other)];
    const everyRealId = [mineIds, foreignIds].flatMap((ids) => Object.values(ids).flat());
    const realFor = (path: string, name: string): string[] => {
      const key =
        name !== 'id' ? name : path.startsWith('/tasks') ? 'tasks' : path.startsWith('/handovers') ? 'handovers' : 'id';
      return [...(mineIds[key as keyof typeof mineIds] ?? []), ...(foreignIds[key as keyof typeof foreignIds] ?? [])];
    };
    const failures: string[] = [];
    let requests = 0;
    let withRealObject = 0;
    let reachedWithRealObject = 0;
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const { path, method, operation } of operations) {
      if (/openapi|docs/.test(path)) continue;
      const route = `${method.toUpperCase()} ${path}`;
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const queryNames = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const caller = callerFor(path);
      const writes = method !== 'get' && method !== 'delete';
      const paramArb = (name: string) =>
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...realFor(path, name)) },
          { weight: 1, arbitrary: hostileText },
          { weight: 1, arbitrary: controlText },
        );
      const params = fc.record<Record<string, string>>(Object.fromEntries(names.map((name) => [name, paramArb(name)])));
      const queryValue = fc.oneof(hostileText, controlText, forgedCursor, fc.constantFrom(...everyRealId));
      const query = fc.dictionary(fc.constantFrom(...queryNames, 'cursor', 'unknown', 'limit'), queryValue, {
        maxKeys: 3,
      });
      const valid = writes ? validBody(route, mine, codecPayload) : undefined;
      // A valid body with some of its text made control characters, or an id another region's.
      const mutatedValid = fc
        .tuple(
          fc.oneof(controlText, fc.constantFrom(...foreignIds.organisationId, ...foreignIds.municipalityCode)),
          fc.nat(),
        )
        .map(([text, mask]) => withText(valid ?? {}, text, (_, leaf) => ((mask >> (leaf % 31)) & 1) === 1));
      const body = !writes
        ? fc.constant(undefined)
        : fc.oneof(
            { weight: 3, arbitrary: mutatedValid },
            { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
            {
              weight: 1,
              arbitrary: fc.dictionary(
                fc.constantFrom('outcome', 'accepted', 'pseudonym', 'birthDate', 'type', 'date', 'reason', 'payloads'),
                fc.jsonValue({ maxDepth: 3 }),
              ),
            },
          );
      await fc.assert(
        fc.asyncProperty(params, query, body, async (values, search, sent) => {
          const url =
            `/api/v1${path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]))}` +
            (Object.keys(search).length ? `?${new URLSearchParams(search).toString()}` : '');
          const real = names.some((name) => realFor(path, name).includes(values[name]));
          const before = await snapshot();
          const response = await requestAs(sut, caller, method.toUpperCase(), url, writes ? (sent ?? {}) : undefined);
          requests += 1;
          if (real) withRealObject += 1;
          // Past the route's guard and validation into the service, which found the object or refused it in scope.
          if (real && [200, 201, 404, 409].includes(response.status)) reachedWithRealObject += 1;
          const type = response.headers.get('content-type') ?? '';
          const status = (response.body as { status?: number } | undefined)?.status;
          const shown = `${route} ${url} ${JSON.stringify(sent)?.slice(0, 300)} → ${response.status}`;
          if (response.status >= 500 || response.status === 429) {
            failures.push(`${shown} ${JSON.stringify(response.body)}`);
          } else if (response.status >= 400) {
            if (!type.startsWith('application/problem+json') || status !== response.status)
              failures.push(`${shown} as ${type}`);
            // Every problem has a code of the contract, and so does each of its invalid fields.
            else if (!problemSchema.safeParse(response.body).success)
              failures.push(`${shown} ${JSON.stringify(response.body)}`);
            if ((await snapshot()) !== before) failures.push(`${shown} refused, but wrote`);
          }
        }),
        { numRuns: 20 },
      );
    }
    process.stdout.write(
      `bad input: ${requests} requests, ${withRealObject} with a real object, ${reachedWithRealObject} of them answered by the handler\n`,
    );
    expect(failures).toEqual([]);
    // Runs reach the handler with a real object 105-126 times (of ~630): half of that is the floor, far above the ~0
    // of a fuzzer that meets the rate limiter or only invented ids, and safe from the spread of random runs.
    expect(reachedWithRealObject).toBeGreaterThan(60);
  });

  it('refuses every forged cursor and control characters in every text field without a 5xx, writing nothing', async () => {
    const failures: string[] = [];
    const check = async (user: string, method: string, url: string, body?: unknown) => {
      const before = await snapshot();
      const response = await requestAs(sut, user, method, url, body);
      const shown = `${method} ${url} ${JSON.stringify(body)?.slice(0, 300)} → ${response.status}`;
      if (response.status >= 500 || response.status === 429) failures.push(`${shown} ${JSON.stringify(response.body)}`);
      else if (response.status >= 400 && (await snapshot()) !== before) failures.push(`${shown} refused, but wrote`);
    };
    const cursors = fc.sample(forgedCursor, { numRuns: 40, seed: 21 });
    for (const [path, operations] of Object.entries(document.paths)) {
      const names = (operations.get?.parameters ?? []).map((p) => p.name);
      if (!names.includes('cursor')) continue;
      for (const cursor of cursors) await check(mine.users[callerOf(path)], 'GET', `/api/v1${path}?cursor=${cursor}`);
    }
    // Every text leaf of a valid body at once, on my own objects: NUL, other C0, DEL, C1, separators, a BOM.
    for (const { path, method, route } of writeRoutes()) {
      for (const text of ['\u0000', 'Demo\u0000Demo', '\u0001\u001f\u007f', '\u0085\u2028\ufeff']) {
        await check(
          callerFor(path),
          method,
          ownUrl(path),
          withText(validBody(route, mine, codecPayload) ?? {}, text, (key) => TEXT_FIELDS.has(key)),
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every body it cannot read with a 4xx problem that repeats none of it, writing nothing', async () => {
    const marker = unlikelyWord();
    const failures: string[] = [];
    let refused = 0;
    for (const { path, method, route } of writeRoutes()) {
      const valid = JSON.stringify(validBody(route, mine, codecPayload) ?? {});
      await fc.assert(
        fc.asyncProperty(unreadableBody(marker, valid), async ({ encoding, charset, bytes }) => {
          const before = await snapshot();
          const response = await fetch(`${sut.url}${ownUrl(path)}`, {
            method,
            headers: {
              authorization: `Bearer ${await tokenFor(callerFor(path))}`,
              'content-type': `application/json${charset ? `; charset=${charset}` : ''}`,
              ...(encoding ? { 'content-encoding': encoding } : {}),
            },
            body: bytes,
          });
          const text = await response.text();
          const shown = `${route} ${encoding ?? '-'} ${charset ?? '-'} ${bytes.toString('base64').slice(0, 80)} → ${response.status}`;
          if (response.status >= 500 || response.status === 429) failures.push(`${shown} ${text}`);
          if (text.includes(marker)) failures.push(`${shown} repeats the body: ${text}`);
          if (response.status < 400) return;
          refused += 1;
          const type = response.headers.get('content-type') ?? '';
          const problem = problemSchema.safeParse(JSON.parse(text));
          if (!type.startsWith('application/problem+json') || problem.data?.status !== response.status)
            failures.push(`${shown} as ${type}: ${text}`);
          if ((await snapshot()) !== before) failures.push(`${shown} refused, but wrote`);
        }),
        { numRuns: 12 },
      );
    }
    process.stdout.write(`unreadable bodies: ${refused} refused\n`);
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(100);
  });
});
