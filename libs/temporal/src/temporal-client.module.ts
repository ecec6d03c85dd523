import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { connectClient, type TemporalSettings } from './connection';

/** The Temporal client of the api, connected once at start-up and closed on shutdown. */
@Injectable()
export class TemporalClientLifecycle implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}

@Module({})
export class TemporalClientModule {
  static forRoot(settings: TemporalSettings) {
    return {
      module: TemporalClientModule,
      providers: [{ provide: Client, useFactory: () => connectClient(settings) }, TemporalClientLifecycle],
      exports: [Client],
    };
  }
}
