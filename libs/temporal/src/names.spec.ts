import { randomUUID } from 'node:crypto';
import { retentionScheduleId, trajectoryIdOfWorkflow, trajectoryWorkflowId } from './names';

describe('trajectoryIdOfWorkflow', () => {
  it('finds the trajectory in its workflow id, and none in any other', () => {
    const id = randomUUID();
    expect(trajectoryIdOfWorkflow(trajectoryWorkflowId(id))).toBe(id);
    expect(trajectoryIdOfWorkflow(`trajectory-${id}`)).toBe(id);
    for (const other of [
      retentionScheduleId('doorloop-trajectories'),
      `trajectory-${id}-x`,
      `x-trajectory-${id}`,
      `trajectory-${id.toUpperCase()}`,
      'trajectory-',
      id,
    ]) {
      expect(trajectoryIdOfWorkflow(other)).toBeUndefined();
    }
  });
});
