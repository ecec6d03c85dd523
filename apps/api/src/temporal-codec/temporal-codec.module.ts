import { Module } from '@nestjs/common';
import { payloadCodecProvider } from './payload-codec.provider';
import { TemporalCodecController } from './temporal-codec.controller';

/** Temporal's remote codec endpoint, for operators reading workflow histories in the Temporal Web UI. */
@Module({ controllers: [TemporalCodecController], providers: [payloadCodecProvider] })
export class TemporalCodecModule {}
