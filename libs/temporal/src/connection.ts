import { Client, Connection } from '@temporalio/client';
import type { AppConfig } from '@doorloop/config';
import { dataConverter, type PayloadKeySettings } from './data-converter';

export type TemporalSettings = Pick<AppConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>;

/** The api's client: every payload it sends is encrypted, every one it receives decrypted (see `dataConverter`). */
export async function connectClient(settings: TemporalSettings & PayloadKeySettings): Promise<Client> {
  // Before connecting: missing keys stop the start-up with their names, whether Temporal is up or not.
  const converter = dataConverter(settings);
  const connection = await Connection.connect({ address: settings.TEMPORAL_ADDRESS, connectTimeout: '10s' });
  return new Client({ connection, namespace: settings.TEMPORAL_NAMESPACE, dataConverter: converter });
}

/**
 * Answers "does Temporal serve our namespace?" for the readiness check, on a connection of its own without the SDK's
 * retry interceptor: a probe must fail fast, and must not leave retries running after the app closes.
 */
export class TemporalProbe {
  private constructor(
    private readonly connection: Connection,
    private readonly namespace: string,
  ) {}

  static async open(settings: TemporalSettings): Promise<TemporalProbe> {
    const connection = await Connection.connect({
      address: settings.TEMPORAL_ADDRESS,
      interceptors: [],
      connectTimeout: '10s',
    });
    return new TemporalProbe(connection, settings.TEMPORAL_NAMESPACE);
  }

  async isReachable(timeoutMs = 2000): Promise<boolean> {
    await this.connection.withDeadline(Date.now() + timeoutMs, () =>
      this.connection.workflowService.describeNamespace({ namespace: this.namespace }),
    );
    return true;
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}
