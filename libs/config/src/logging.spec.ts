import pino from 'pino';
import { Writable } from 'node:stream';
import { loadConfig } from './load-config';
import { QueryFailedError } from 'typeorm';
import { loggerParams, safeError } from './logging';

/** The logger exactly as the apps configure it, writing its JSON lines into an array. */
function capturingLogger(): { logger: pino.Logger; lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = loadConfig({
    DATABASE_URL: 'postgres://u@127.0.0.1/db',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    LOG_LEVEL: 'info',
  });
  const { pinoHttp } = loggerParams(config, 'api', destination);
  if (!Array.isArray(pinoHttp)) throw new Error('expected [options, destination]');
  const [options, stream] = pinoHttp;
  const { serializers, redact, level, base } = options as pino.LoggerOptions;
  const logger = pino({ serializers, redact, level, base }, stream);
  return {
    logger,
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('log redaction', () => {
  // Synthetic, distinctive values.
  const name = 'Demo Lognaam Kanarie';
  const bsn = '123456782';

  it('removes name, BSN and identity wherever a call puts them, and keeps the rest', () => {
    const sut = capturingLogger();
    sut.logger.info({ name, bsn, trajectoryId: 't-1' }, 'top level');
    sut.logger.info({ body: { name, bsn }, identity: { name, bsn }, route: '/x' }, 'nested');
    sut.logger.info({ result: { identity: { name, bsn } } }, 'identity one level down');

    expect(sut.raw()).not.toContain(name);
    expect(sut.raw()).not.toContain(bsn);
    const [top, nested] = sut.lines();
    expect(top).toMatchObject({ trajectoryId: 't-1', msg: 'top level', service: 'api' });
    expect(nested).toMatchObject({ body: {}, route: '/x', msg: 'nested' });
    expect(nested).not.toHaveProperty('identity');
  });

  it('would show them without the redaction (the check above can fail)', () => {
    const lines: string[] = [];
    const plain = pino({}, { write: (line: string) => lines.push(line) });
    plain.info({ identity: { bsn } });
    expect(lines.join('')).toContain(bsn);
  });
});

describe('logged errors', () => {
  const canary = 'Demo Logkanarie wil bij haar zus wonen';

  /** A failed statement as TypeORM and pg throw it, the canary in every place they put the statement's values. */
  function failedStatement(): Error {
    const driverError = Object.assign(new Error(`invalid input syntax for type uuid: "${canary}"`), {
      severity: 'ERROR',
      code: '22P02',
      detail: `Key (wishes)=(${canary}) already exists.`,
      where: `unnamed portal parameter $1 = '${canary}'`,
      routine: 'string_to_uuid',
    });
    return new QueryFailedError('INSERT INTO task_outcome VALUES ($1)', [canary], driverError);
  }

  it('never keeps the parameters, query or driver error of a failed statement, but says what failed', () => {
    const sut = capturingLogger();
    sut.logger.error({ err: failedStatement() }, 'Unhandled error');
    sut.logger.error({ err: new Error('wrapper', { cause: failedStatement() }) }, 'Wrapped');
    expect(sut.raw()).not.toContain('Logkanarie');
    const [line] = sut.lines();
    expect(line.err).toMatchObject({ type: 'QueryFailedError', code: '22P02', routine: 'string_to_uuid' });
    // pino-http first copies the error into a plain object, then hands it to the serialiser.
    const throughPinoHttp = pino.stdSerializers.wrapErrorSerializer(safeError)(failedStatement());
    expect(JSON.stringify(throughPinoHttp)).not.toContain('Logkanarie');
    expect(throughPinoHttp).toMatchObject({ type: 'QueryFailedError', code: '22P02' });
  });

  it('keeps the message and stack of other errors', () => {
    const sut = capturingLogger();
    sut.logger.error({ err: new TypeError('not a function') }, 'Unhandled error');
    expect(sut.lines()[0].err).toMatchObject({ type: 'TypeError', message: 'not a function' });
    expect(JSON.stringify(sut.lines()[0].err)).toContain('logging.spec.ts');
  });
});
