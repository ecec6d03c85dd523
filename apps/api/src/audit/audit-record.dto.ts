import { createZodDto } from 'nestjs-zod';
import { auditRecordListSchema, auditRecordQuerySchema } from '@doorloop/contracts';

export class AuditRecordQueryDto extends createZodDto(auditRecordQuerySchema) {}
export class AuditRecordListDto extends createZodDto(auditRecordListSchema, { codec: true }) {}
