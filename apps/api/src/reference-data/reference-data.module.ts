import { Module } from '@nestjs/common';
import { ReferenceDataController } from './reference-data.controller';
import { ReferenceDataService } from './reference-data.service';

/** The region's organisations and municipalities. */
@Module({ controllers: [ReferenceDataController], providers: [ReferenceDataService] })
export class ReferenceDataModule {}
