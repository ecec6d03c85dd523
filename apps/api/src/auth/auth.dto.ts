import { createZodDto } from 'nestjs-zod';
import { authConfigurationSchema, meSchema } from '@doorloop/contracts';

export class AuthConfigurationDto extends createZodDto(authConfigurationSchema, { codec: true }) {}
export class MeDto extends createZodDto(meSchema, { codec: true }) {}
