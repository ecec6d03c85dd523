import { createZodDto } from 'nestjs-zod';
import { codecPayloadsSchema } from '@doorloop/contracts';

export class CodecPayloadsDto extends createZodDto(codecPayloadsSchema) {}
