import { createZodDto } from 'nestjs-zod';
import { dashboardSchema, overdueHandoverListSchema } from '@doorloop/contracts';

export class OverdueHandoverListDto extends createZodDto(overdueHandoverListSchema, { codec: true }) {}
export class DashboardDto extends createZodDto(dashboardSchema, { codec: true }) {}
