import { createZodDto } from 'nestjs-zod';
import {
  createSignalSchema,
  listSignalsQuerySchema,
  signalPageSchema,
  signalSchema,
  triageSchema,
} from '@doorloop/contracts';

export class CreateSignalDto extends createZodDto(createSignalSchema) {}
export class TriageDto extends createZodDto(triageSchema) {}
export class ListSignalsQueryDto extends createZodDto(listSignalsQuerySchema) {}
export class SignalDto extends createZodDto(signalSchema, { codec: true }) {}
export class SignalListDto extends createZodDto(signalPageSchema, { codec: true }) {}
