import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { connectClient, TemporalProbe, type TemporalSettings } from './connection';
import type { PayloadKeySettings } from './data-converter';

/** Closes the api's Temporal connections on shutdown. */
@Injectable()
export class TemporalClientLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(TemporalProbe) private readonly probe: TemporalProbe,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.client.connection.close(), this.probe.close()]);
  }
}

/** The Temporal client of the api (and its readiness probe), connected once at start-up. */
@Module({})
export class TemporalClientModule {
  static forRoot(settings: TemporalSettings & PayloadKeySettings) {
    return {
      module: TemporalClientModule,
      providers: [
        { provide: Client, useFactory: () => connectClient(settings) },
        { provide: TemporalProbe, useFactory: () => TemporalProbe.open(settings) },
        TemporalClientLifecycle,
      ],
      exports: [Client, TemporalProbe],
    };
  }
}
