import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '@doorloop/config';

export type TemporalSettings = Pick<AppConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>;

export async function connectClient(settings: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({ address: settings.TEMPORAL_ADDRESS, connectTimeout: '10s' });
  return new Client({ connection, namespace: settings.TEMPORAL_NAMESPACE });
}

/** True when the frontend answers for the namespace; used by the readiness check. */
export async function temporalIsReachable(client: Client, namespace: string): Promise<boolean> {
  await client.connection.withDeadline(Date.now() + 3000, () =>
    client.connection.workflowService.describeNamespace({ namespace }),
  );
  return true;
}
