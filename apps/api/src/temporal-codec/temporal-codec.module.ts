import { Module } from '@nestjs/common';
import { payloadCodecProvider } from './payload-codec.provider';
import { TemporalCodecController } from './temporal-codec.controller';
import { TemporalCodecService } from './temporal-codec.service';

/** Temporal's remote codec endpoint, for operators reading their region's workflow histories in the Temporal Web UI. */
@Module({ controllers: [TemporalCodecController], providers: [payloadCodecProvider, TemporalCodecService] })
export class TemporalCodecModule {}
