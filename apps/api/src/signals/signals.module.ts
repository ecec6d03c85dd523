import { Module, type Provider } from '@nestjs/common';
import { APP_CONFIG, requireFieldKeys, type AppConfig } from '@doorloop/config';
import { SubjectHasher } from '@doorloop/crypto';
import { SignalTriageWorkflows } from './signal-triage-workflows.port';
import { SignalsController } from './signals.controller';
import { SignalsService } from './signals.service';
import { TemporalSignalTriageWorkflows } from './temporal-signal-triage-workflows';

/** The keyed hash of signal subjects, from FIELD_KEYS (like the identifying fields): without keys the api does not start. */
const subjectHasherProvider: Provider = {
  provide: SubjectHasher,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const { keys, currentKeyId } = requireFieldKeys(config);
    return new SubjectHasher({ currentKeyId, keys: keys.entries() });
  },
};

/** Signals before a trajectory (issue 17). */
@Module({
  controllers: [SignalsController],
  providers: [
    SignalsService,
    subjectHasherProvider,
    { provide: SignalTriageWorkflows, useClass: TemporalSignalTriageWorkflows },
  ],
})
export class SignalsModule {}
