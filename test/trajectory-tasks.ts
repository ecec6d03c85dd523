import { requestAs, type Stack } from './stack';

/** Every task of a trajectory, whatever its status, as `username` reads them through the api (one page of 200). */
export async function allTasksOf<T>(stack: Stack, username: string, trajectoryId: string): Promise<T[]> {
  const statuses = 'open,claimed,done,cancelled';
  const path = `/api/v1/tasks?trajectoryId=${trajectoryId}&status=${statuses}&limit=200`;
  return (await requestAs<{ items: T[] }>(stack, username, 'GET', path)).body.items;
}
