import { QueryFailedError } from 'typeorm';
import { safeMeta } from './temporal-runtime-logging';

describe('the Temporal SDK log meta', () => {
  it('keeps an activity failure without the parameters of the statement that failed', () => {
    const canary = 'Demo Workerkanarie: weigert opvang';
    const error = new QueryFailedError('UPDATE task SET reason = $1', [canary], new Error('value too long'));
    const meta = safeMeta({ activityType: 'recordTask', error });
    expect(JSON.stringify(meta)).not.toContain('Workerkanarie');
    expect(meta).toMatchObject({ activityType: 'recordTask', error: { type: 'QueryFailedError' } });
  });
});
