// No Docker engine runs on the development machines, so docker-compose.yml and the Dockerfile are checked here:
// against the Compose Specification schema, against the variables the apps read, and against the build contract.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import type AjvCore from 'ajv/dist/core';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../libs/config/src/config.schema';
import {
  loadConfig,
  requireFieldKeys,
  requireOidcIssuer,
  requirePayloadKeys,
  requireSmtpUrl,
} from '../libs/config/src/load-config';

const ROOT = path.resolve(__dirname, '..');
const SCHEMA_PATH = path.join(ROOT, 'standards', 'compose-spec.schema.json');

/** What `npm run build` produces and the image runs: one image, the command chooses the role. */
const CONTRACT = {
  api: 'dist/api/apps/api/src/main.js',
  worker: 'dist/worker/apps/worker/src/main.js',
  migrate: 'dist/runtime/scripts/migrate.js',
  workflowBundle: 'dist/workflow-bundle.js',
} as const;
const APP_SERVICES = ['api', 'worker', 'migrate'] as const;
const REQUIRED_ON_API_AND_WORKER = ['DATABASE_URL', 'TEMPORAL_ADDRESS'];
const NODE_IMAGE = 'node:20-bookworm-slim';

type Scalar = string | number | boolean | null;
interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, Scalar> | string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  restart?: string;
  ports?: (string | { target: number })[];
  container_name?: string;
  stop_grace_period?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  [key: string]: unknown;
}

// Compose resolves `<<` merge keys (YAML 1.1), so the parse does too.
const loadCompose = (): ComposeFile =>
  parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as ComposeFile;

// --- Compose Specification schema -------------------------------------------------------------------------------

/** The upstream schema names its draft with its own spelling of the meta-schema URI; Ajv knows the canonical one. */
const DRAFTS: { pattern: RegExp; metaSchema: string; create: (options: Options) => AjvCore }[] = [
  { pattern: /draft-07/, metaSchema: 'http://json-schema.org/draft-07/schema#', create: (o) => new Ajv(o) },
  { pattern: /2019-09/, metaSchema: 'https://json-schema.org/draft/2019-09/schema', create: (o) => new Ajv2019(o) },
  { pattern: /2020-12/, metaSchema: 'https://json-schema.org/draft/2020-12/schema', create: (o) => new Ajv2020(o) },
];

function compileComposeSchema(): ValidateFunction {
  // Part of the repository (standards/README.md): a missing schema is a broken checkout, not a reason to skip.
  if (!existsSync(SCHEMA_PATH)) throw new Error(`Compose schema not found at ${SCHEMA_PATH}: restore standards/`);
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $schema?: string };
  const draft = DRAFTS.find(({ pattern }) => pattern.test(schema.$schema ?? ''));
  if (!draft) throw new Error(`compose schema uses an unsupported $schema: ${schema.$schema}`);
  // strictTypes off: the upstream schema uses union types and untyped keywords that Ajv's strict mode rejects.
  const ajv = draft.create({ allErrors: true, strictTypes: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, $schema: draft.metaSchema });
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map(
    ({ instancePath, message, params }) =>
      `${instancePath || '/'}: ${message ?? 'is invalid'} ${JSON.stringify(params)}`,
  );
  return [...new Set(lines)];
}

// --- Interpolation: what `docker compose` does to ${VAR:-default} before it runs anything -----------------------

const INTERPOLATION = /\$(\$|\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)?/g;
const WITH_DEFAULT_OR_REQUIRED = /^\{[A-Za-z_][A-Za-z0-9_]*:?[-?][^}]*\}$/;

/** Interpolations compose would leave empty or mangle: `$NAME` and `${NAME}` without a default, a lone `$`. */
function interpolationProblems(value: string): string[] {
  const problems: string[] = [];
  for (const [match, body] of value.matchAll(INTERPOLATION)) {
    if (body === '$' || (body !== undefined && WITH_DEFAULT_OR_REQUIRED.test(body))) continue;
    problems.push(`${match}: give it a default (\${NAME:-value}) or write $$ for a literal $`);
  }
  return problems;
}

/**
 * What an operator must set: the file has no value for these (`${NAME:?message}`, compose refuses to start without
 * them), so the checks below play the operator. Synthetic, never a key in use.
 */
const SET_BY_OPERATOR: Record<string, string> = {
  PAYLOAD_KEYS: `sample-1:${Buffer.alloc(32, 7).toString('base64')}`,
  PAYLOAD_KEY_ID: 'sample-1',
  SMTP_URL: 'smtp://doorloop:sample@relay.example.test:587',
  FIELD_KEYS: `sample-f1:${Buffer.alloc(32, 9).toString('base64')}`,
  FIELD_KEY_ID: 'sample-f1',
  OIDC_ISSUER: 'https://sign-in.example.org/realms/doorloop',
};

/**
 * The value compose passes on when only the `given` variables are set: every default applied, `$$` made `$`, and a
 * required variable that is not given an error, as compose makes it.
 */
function withDefaults(value: string, given: Record<string, string> = {}): string {
  return value.replace(INTERPOLATION, (match: string, body: string | undefined) => {
    if (body === '$') return '$';
    const parts = body && /^\{([A-Za-z_][A-Za-z0-9_]*):?([-?])([^}]*)\}$/.exec(body);
    if (!parts) throw new Error(`cannot resolve ${match}`);
    if (parts[2] === '?') {
      if (given[parts[1]] !== undefined) return given[parts[1]];
      throw new Error(`${parts[1]} is required: ${parts[3]}`);
    }
    return parts[3];
  });
}

function stringsIn(node: unknown, at = ''): [string, string][] {
  if (typeof node === 'string') return [[at, node]];
  if (Array.isArray(node)) return node.flatMap((item, index) => stringsIn(item, `${at}[${index}]`));
  if (node && typeof node === 'object') {
    return Object.entries(node).flatMap(([key, value]) => [...stringsIn(key, at), ...stringsIn(value, `${at}.${key}`)]);
  }
  return [];
}

// --- Services ---------------------------------------------------------------------------------------------------

function environmentOf(service: Service): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(environment.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, value === null ? '' : `${value}`]),
  );
}

const resolvedEnvironmentOf = (service: Service): Record<string, string> =>
  Object.fromEntries(
    Object.entries(environmentOf(service)).map(([name, value]) => [name, withDefaults(value, SET_BY_OPERATOR)]),
  );

const unknownVariables = (service: Service): string[] =>
  Object.keys(environmentOf(service)).filter((name) => !(CONFIG_VARIABLES as string[]).includes(name));

function dependenciesOf(service: Service): [string, string][] {
  const dependsOn = service.depends_on ?? {};
  if (Array.isArray(dependsOn)) return dependsOn.map((name) => [name, 'service_started']);
  return Object.entries(dependsOn).map(([name, { condition }]) => [name, condition]);
}

/** Every wait must mean something: a healthy long-running service, or a one-shot that finished successfully. */
function dependencyProblems(compose: ComposeFile): string[] {
  return Object.entries(compose.services).flatMap(([name, service]) =>
    dependenciesOf(service).flatMap(([target, condition]): string[] => {
      const dependency = compose.services[target];
      if (!dependency) return [`${name} depends on ${target}, which is not a service`];
      const health = dependency.healthcheck;
      if (condition === 'service_healthy') {
        return health?.test && !health.disable
          ? []
          : [`${name} waits for ${target} to be healthy; it has no healthcheck`];
      }
      if (condition === 'service_completed_successfully') {
        const oneShot = dependency.restart === undefined || dependency.restart === 'no';
        return oneShot
          ? []
          : [`${name} waits for ${target} to complete, but ${target} restarts (${dependency.restart})`];
      }
      return [`${name} only waits for ${target} to start (${condition}): wait until it is healthy or completed`];
    }),
  );
}

function seconds(duration: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit], 0);
}

const commandOf = (service: Service): string => [service.command ?? []].flat().join(' ');

/** A password-like variable, or the password of a URL, that is not one interpolation (`${VAR:-placeholder}`). */
function credentialInClear(variable: string, value: string): boolean {
  const masked = value.replace(/\$\{[^}]*\}/g, '<interpolated>');
  const secret = /PASSWORD|PWD|SECRET|TOKEN|KEY/.test(variable)
    ? masked
    : /:\/\/[^/@\s:]*:([^@\s]*)@/.exec(masked)?.[1];
  return secret !== undefined && secret !== '' && secret !== '<interpolated>';
}

// --- Dockerfile -------------------------------------------------------------------------------------------------

interface Stage {
  from: string;
  name?: string;
  instructions: { keyword: string; args: string }[];
}

function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from, as, name] = rest.filter((word) => !word.startsWith('--'));
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const argsOf = (stage: Stage, keyword: string): string[] =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword).map(({ args }) => args);

/** The working directory a stage ends with, inherited from the stage it is built on. */
function workdirOf(stages: Stage[], stage: Stage | undefined): string | undefined {
  if (!stage) return undefined;
  const parent = stages.find(({ name }) => name === stage.from);
  return argsOf(stage, 'WORKDIR').pop() ?? workdirOf(stages, parent);
}

// --- Tests ------------------------------------------------------------------------------------------------------

describe('docker-compose.yml against the Compose Specification schema', () => {
  let validate: ValidateFunction;
  beforeAll(() => {
    validate = compileComposeSchema();
  });
  const schemaErrors = (document: unknown): string[] => (validate(document) ? [] : describeErrors(validate.errors));

  it('is a valid Compose document', () => {
    expect(schemaErrors(loadCompose())).toEqual([]);
  });

  it('rejects a deliberately broken copy, naming each mistake', () => {
    const broken = structuredClone(loadCompose());
    broken.services.api.depends_on = { migrate: { condition: 'service_finished' } };
    broken.services.worker.restart = ['always'] as unknown as string;
    broken.servicez = {};

    const errors = schemaErrors(broken);

    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/services\/api\/depends_on\/migrate\/condition: must be equal to one of/),
        expect.stringMatching(/^\/services\/worker\/restart: must be string/),
        expect.stringMatching(/^\/: must NOT have additional properties .*servicez/),
      ]),
    );
  });
});

describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const { services } = compose;

  it('has the production topology', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'migrate', 'api', 'worker']),
    );
  });

  it('pins every image to a version: Temporal server 1.29.x with the matching admin tools, no auto-setup', () => {
    const images = Object.values(services).map((service) => withDefaults(service.image ?? ''));
    for (const image of images.filter((name) => !name.startsWith('doorloop'))) {
      expect(image).toMatch(/^[\w./-]+:[\w.-]*\d[\w.-]*$/);
    }
    expect(images.some((image) => image.startsWith('temporalio/auto-setup'))).toBe(false);
    const server = withDefaults(services.temporal.image ?? '');
    expect(server).toMatch(/^temporalio\/server:1\.29\.\d+$/);
    const version = server.split(':')[1];
    for (const image of images.filter((name) => name.startsWith('temporalio/admin-tools'))) {
      expect(image).toMatch(new RegExp(`^temporalio/admin-tools:${version.replace(/\./g, '\\.')}(-|$)`));
    }
    expect(withDefaults(services.postgres.image ?? '')).toMatch(/^postgres:1[67](\.\d+)?(-[\w.]+)?$/);
  });

  it('builds api, worker and migrate from the repository Dockerfile, one image for all three', () => {
    const images = new Set(APP_SERVICES.map((name) => services[name].image));
    expect(images.size).toBe(1);
    for (const name of APP_SERVICES) expect(services[name].build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
  });

  it('runs each role from its build output', () => {
    expect(commandOf(services.api)).toBe(`node ${CONTRACT.api}`);
    expect(commandOf(services.worker)).toBe(`node ${CONTRACT.worker}`);
    expect(commandOf(services.migrate)).toBe(`node ${CONTRACT.migrate}`);
  });

  it('gives the apps only variables they read (CONFIG_VARIABLES)', () => {
    expect(Object.fromEntries(APP_SERVICES.map((name) => [name, unknownVariables(services[name])]))).toEqual({
      api: [],
      worker: [],
      migrate: [],
    });
  });

  it('would report a variable the apps do not read', () => {
    const typo = { environment: { DATABSE_URL: 'postgres://x@postgres/db', PORT: '3000' } };
    expect(unknownVariables(typo)).toEqual(['DATABSE_URL']);
  });

  it('sets the required variables on api and worker, and the api listens on all interfaces', () => {
    for (const name of ['api', 'worker']) {
      expect(Object.keys(environmentOf(services[name]))).toEqual(expect.arrayContaining(REQUIRED_ON_API_AND_WORKER));
    }
    expect(environmentOf(services.api).HOST).toBe('0.0.0.0');
  });

  it.each(APP_SERVICES)('gives %s an environment that passes the apps’ own start-up validation', (name) => {
    expect(() => loadConfig(resolvedEnvironmentOf(services[name]))).not.toThrow();
  });

  it('points the apps at the services of this file, with the credentials postgres is created with', () => {
    const postgres = resolvedEnvironmentOf(services.postgres);
    for (const name of APP_SERVICES) {
      const environment = resolvedEnvironmentOf(services[name]);
      const url = new URL(environment.DATABASE_URL);
      expect([url.hostname, url.port, url.username, url.password, url.pathname]).toEqual([
        'postgres',
        '5432',
        postgres.POSTGRES_USER,
        postgres.POSTGRES_PASSWORD,
        `/${postgres.POSTGRES_DB}`,
      ]);
      expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    }
  });

  it('agrees everywhere on the Temporal namespace and task queue', () => {
    const api = resolvedEnvironmentOf(services.api);
    const worker = resolvedEnvironmentOf(services.worker);
    expect(worker.TEMPORAL_NAMESPACE).toBe(api.TEMPORAL_NAMESPACE);
    expect(worker.TEMPORAL_TASK_QUEUE).toBe(api.TEMPORAL_TASK_QUEUE);
    expect(resolvedEnvironmentOf(services['temporal-namespace']).TEMPORAL_NAMESPACE).toBe(api.TEMPORAL_NAMESPACE);
    expect(resolvedEnvironmentOf(services['temporal-ui']).TEMPORAL_DEFAULT_NAMESPACE).toBe(api.TEMPORAL_NAMESPACE);
  });

  it('runs the Temporal UI read-only: its image (ui-server config/docker.yaml) reads TEMPORAL_DISABLE_WRITE_ACTIONS', () => {
    // Without it, anyone who reaches the UI could terminate, reset, signal or update a trajectory past the api.
    expect(resolvedEnvironmentOf(services['temporal-ui']).TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
  });

  it('publishes the api on the port it listens on and checks its health endpoint', () => {
    const port = resolvedEnvironmentOf(services.api).PORT;
    const published = (services.api.ports ?? []).map((entry) =>
      typeof entry === 'string' ? withDefaults(entry).split(':').pop() : `${entry.target}`,
    );
    expect(published).toContain(port);
    expect([services.api.healthcheck?.test ?? []].flat().join(' ')).toContain('/api/v1/health');
  });

  it('makes every dependency wait for health or completion, and the awaited services have healthchecks', () => {
    expect(dependencyProblems(compose)).toEqual([]);
    for (const name of ['api', 'worker']) {
      expect(dependenciesOf(services[name])).toEqual(
        expect.arrayContaining([
          ['postgres', 'service_healthy'],
          ['temporal', 'service_healthy'],
          ['migrate', 'service_completed_successfully'],
        ]),
      );
    }
  });

  it('would report a dependency on a service without a healthcheck', () => {
    const broken = structuredClone(compose);
    delete broken.services.postgres.healthcheck;
    expect(dependencyProblems(broken)).toEqual(
      expect.arrayContaining(['api waits for postgres to be healthy; it has no healthcheck']),
    );
  });

  it('uses only ${VAR:-default} interpolation, and $$ for the shell', () => {
    const problems = stringsIn(compose).flatMap(([at, value]) =>
      interpolationProblems(value).map((problem) => `${at}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('would report an interpolation compose leaves empty', () => {
    expect(interpolationProblems('pg_isready -U $POSTGRES_USER -d ${POSTGRES_DB} -h $${HOST:-x}')).toHaveLength(2);
  });

  it('keeps credentials out of the file: passwords only as ${VAR:-placeholder}', () => {
    const inClear = Object.entries(services).flatMap(([name, service]) =>
      Object.entries(environmentOf(service))
        .filter(([variable, value]) => credentialInClear(variable, value))
        .map(([variable]) => `${name}.${variable}`),
    );
    expect(inClear).toEqual([]);
  });

  it('requires the payload encryption keys from the operator, for api and worker only: no key is in the file', () => {
    for (const name of ['api', 'worker']) {
      const environment = environmentOf(services[name]);
      expect(environment.PAYLOAD_KEYS).toMatch(/^\$\{PAYLOAD_KEYS:\?[^}]+\}$/);
      expect(environment.PAYLOAD_KEY_ID).toMatch(/^\$\{PAYLOAD_KEY_ID:\?[^}]+\}$/);
      expect(() => withDefaults(environment.PAYLOAD_KEYS)).toThrow(/PAYLOAD_KEYS is required: .*docs\/deployment\.md/);
      expect(() => requirePayloadKeys(loadConfig(resolvedEnvironmentOf(services[name])))).not.toThrow();
    }
    expect(Object.keys(environmentOf(services.migrate))).not.toContain('PAYLOAD_KEYS');
    expect(Object.keys(environmentOf(services.migrate))).not.toContain('PAYLOAD_KEY_ID');
  });

  it('requires the mail relay from the operator for the worker, which refuses production without one', () => {
    const worker = services.worker;
    expect(environmentOf(worker).SMTP_URL).toMatch(/^\$\{SMTP_URL:\?[^}]+\}$/);
    expect(() => withDefaults(environmentOf(worker).SMTP_URL)).toThrow(/SMTP_URL is required: .*docs\/deployment\.md/);
    expect(requireSmtpUrl(loadConfig(resolvedEnvironmentOf(worker)))).toBe(SET_BY_OPERATOR.SMTP_URL);
    const withoutRelay = { ...resolvedEnvironmentOf(worker), SMTP_URL: '' };
    expect(() => requireSmtpUrl(loadConfig(withoutRelay))).toThrow(/SMTP_URL: is required by the worker in production/);
  });

  it('requires the field keys from the operator, for the api only: no key is in the file', () => {
    const environment = environmentOf(services.api);
    expect(environment.FIELD_KEYS).toMatch(/^\$\{FIELD_KEYS:\?[^}]+\}$/);
    expect(environment.FIELD_KEY_ID).toMatch(/^\$\{FIELD_KEY_ID:\?[^}]+\}$/);
    expect(() => withDefaults(environment.FIELD_KEYS)).toThrow(/FIELD_KEYS is required: .*docs\/deployment\.md/);
    expect(() => requireFieldKeys(loadConfig(resolvedEnvironmentOf(services.api)))).not.toThrow();
    for (const name of ['worker', 'migrate']) {
      expect(Object.keys(environmentOf(services[name]))).not.toContain('FIELD_KEYS');
      expect(Object.keys(environmentOf(services[name]))).not.toContain('FIELD_KEY_ID');
    }
  });

  it('gives the worker the retention periods, the 20-year default when the operator sets none', () => {
    expect(loadConfig(resolvedEnvironmentOf(services.worker)).RETENTION).toEqual({
      'case-data': 'P20Y',
      identity: 'P20Y',
    });
  });

  it('requires the OIDC issuer from the operator for the api, which refuses to start without one', () => {
    const environment = environmentOf(services.api);
    expect(environment.OIDC_ISSUER).toMatch(/^\$\{OIDC_ISSUER:\?[^}]+\}$/);
    expect(() => withDefaults(environment.OIDC_ISSUER)).toThrow(/OIDC_ISSUER is required: .*docs\/deployment\.md/);
    expect(requireOidcIssuer(loadConfig(resolvedEnvironmentOf(services.api)))).toBe(SET_BY_OPERATOR.OIDC_ISSUER);
  });

  it('would report a password written into the file', () => {
    expect(credentialInClear('PAYLOAD_KEYS', `k1:${Buffer.alloc(32).toString('base64')}`)).toBe(true);
    expect(credentialInClear('PAYLOAD_KEYS', '${PAYLOAD_KEYS:?set it}')).toBe(false);
    expect(credentialInClear('POSTGRES_PASSWORD', 's3cret')).toBe(true);
    expect(credentialInClear('DATABASE_URL', 'postgres://${USER:-u}:s3cret@postgres/db')).toBe(true);
    expect(credentialInClear('DATABASE_URL', 'postgres://u:${PASSWORD:-dev}@postgres/db')).toBe(false);
  });

  it('can scale api and worker out, and gives the worker time to drain before it is killed', () => {
    expect(services.api.container_name).toBeUndefined();
    expect(services.worker.container_name).toBeUndefined();
    const grace = Number(resolvedEnvironmentOf(services.worker).SHUTDOWN_GRACE_SECONDS);
    expect(seconds(services.worker.stop_grace_period ?? '10s')).toBeGreaterThan(grace);
  });

  it('names the prebuilt workflow bundle the image contains', () => {
    const stages = parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
    const workdir = workdirOf(stages, stages[stages.length - 1]);
    expect(resolvedEnvironmentOf(services.worker).WORKFLOW_BUNDLE_PATH).toBe(`${workdir}/${CONTRACT.workflowBundle}`);
  });
});

describe('Dockerfile', () => {
  const stages = parseDockerfile(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
  const runtime = stages[stages.length - 1];
  const names = stages.map(({ name }) => name);

  it(`builds every stage on ${NODE_IMAGE}`, () => {
    stages.forEach(({ from }, index) => expect([NODE_IMAGE, ...names.slice(0, index)]).toContain(from));
  });

  it('installs npm 11 (which honours package.json allowScripts) before installing dependencies', () => {
    expect(argsOf(stages[0], 'RUN').join('\n')).toMatch(/npm install --global npm@11\.\d+\.\d+/);
  });

  it('builds with all dependencies and checks every build output the image runs', () => {
    const build = stages.find((stage) => argsOf(stage, 'RUN').some((run) => run.includes('npm run build')));
    const runs = argsOf(build ?? runtime, 'RUN');
    expect(runs.some((run) => /\bnpm ci\b(?!.*--omit)/.test(run))).toBe(true);
    const buildRun = runs.find((run) => run.includes('npm run build')) ?? '';
    for (const output of Object.values(CONTRACT)) expect(buildRun).toContain(`test -f ${output}`);
    expect(argsOf(runtime, 'COPY')).toContain(`--from=${build?.name} /app/dist ./dist`);
  });

  it('runs production dependencies only, as a non-root user, with NODE_ENV=production', () => {
    expect(argsOf(runtime, 'RUN').some((run) => run.includes('npm ci --omit=dev'))).toBe(true);
    expect(argsOf(runtime, 'ENV').join(' ')).toMatch(/\bNODE_ENV=production\b/);
    const user = argsOf(runtime, 'USER').pop();
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user?.split(':')[0]);
  });

  it('starts the api by default', () => {
    expect(JSON.parse(argsOf(runtime, 'CMD').pop() ?? 'null')).toEqual(['node', CONTRACT.api]);
  });

  it('gets a build context without host dependencies, build output or secrets', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split(/\r?\n/);
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.env', '.git']));
  });
});
