import { ConfigError, loadConfig } from './load-config';
import { CONFIG_VARIABLES } from './config.schema';

const valid = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const sut = loadConfig(valid);
    expect(sut.PORT).toBe(3000);
    expect(sut.TEMPORAL_TASK_QUEUE).toBe('doorloop-trajectories');
    expect(sut.NODE_ENV).toBe('development');
  });

  it('names every bad variable and what it allows', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', TEMPORAL_ADDRESS: 'nowhere' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems).toEqual(
        expect.arrayContaining([
          'PORT: must be a number (got "eighty")',
          'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
          'DATABASE_URL: is required',
          'TEMPORAL_ADDRESS: must be host:port (got "nowhere")',
        ]),
      );
    }
  });

  it('never echoes a value that may carry a credential', () => {
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'mysql://admin:s3cret@db' })).toThrow(
      /DATABASE_URL: must be a postgres/,
    );
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'mysql://admin:s3cret@db' })).not.toThrow(/s3cret/);
  });

  it('treats empty strings as unset so defaults apply', () => {
    expect(loadConfig({ ...valid, PORT: '' }).PORT).toBe(3000);
  });

  it('lists the variables it reads', () => {
    expect(CONFIG_VARIABLES).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'TEMPORAL_ADDRESS']));
  });
});
