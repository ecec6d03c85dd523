import { createZodDto } from 'nestjs-zod';
import { identityInputSchema, identitySchema } from '@doorloop/contracts';

export class IdentityInputDto extends createZodDto(identityInputSchema) {}
export class IdentityDto extends createZodDto(identitySchema) {}
