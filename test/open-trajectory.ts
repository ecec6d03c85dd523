import { requestAs, type Stack } from './stack';

/**
 * Opens a trajectory over HTTP as `coordinator` (`POST /trajectories` with `body`, pseudonym included) and gives its
 * id; the test fails unless the api answers 201.
 */
export async function openTrajectory(
  stack: Stack,
  coordinator: string,
  body: Record<string, unknown>,
): Promise<string> {
  const created = await requestAs<{ id: string }>(stack, coordinator, 'POST', '/api/v1/trajectories', body);
  expect(created.status).toBe(201);
  return created.body.id;
}
