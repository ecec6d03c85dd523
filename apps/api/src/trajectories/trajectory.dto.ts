import { createZodDto } from 'nestjs-zod';
import {
  birthDateCorrectionSchema,
  closureSchema,
  courtMeasureInputSchema,
  courtMeasureParamSchema,
  createTrajectorySchema,
  exploitationFormsChangeSchema,
  handoverRequestSchema,
  legalBasesChangeSchema,
  reopenedTrajectorySchema,
  reopeningSchema,
  idParamSchema,
  listTrajectoriesQuerySchema,
  milestoneListSchema,
  municipalityChangeSchema,
  partnerParamSchema,
  partnerRoleQuerySchema,
  partnerSchema,
  placementInputSchema,
  trajectoryPageSchema,
  trajectorySchema,
} from '@doorloop/contracts';

export class CreateTrajectoryDto extends createZodDto(createTrajectorySchema) {}
export class ExploitationFormsChangeDto extends createZodDto(exploitationFormsChangeSchema) {}
export class PlacementChangeDto extends createZodDto(placementInputSchema) {}
export class CourtMeasureDto extends createZodDto(courtMeasureInputSchema) {}
export class BirthDateCorrectionDto extends createZodDto(birthDateCorrectionSchema) {}
export class PartnerDto extends createZodDto(partnerSchema) {}
export class MunicipalityChangeDto extends createZodDto(municipalityChangeSchema) {}
export class ClosureDto extends createZodDto(closureSchema) {}
export class LegalBasesChangeDto extends createZodDto(legalBasesChangeSchema) {}
export class HandoverRequestDto extends createZodDto(handoverRequestSchema) {}
export class ReopeningDto extends createZodDto(reopeningSchema) {}
export class ReopenedTrajectoryDto extends createZodDto(reopenedTrajectorySchema, { codec: true }) {}
export class TrajectoryDto extends createZodDto(trajectorySchema, { codec: true }) {}
export class TrajectoryListDto extends createZodDto(trajectoryPageSchema, { codec: true }) {}
export class ListTrajectoriesQueryDto extends createZodDto(listTrajectoriesQuerySchema) {}
export class MilestoneListDto extends createZodDto(milestoneListSchema, { codec: true }) {}
export class IdParamDto extends createZodDto(idParamSchema) {}
export class CourtMeasureParamDto extends createZodDto(courtMeasureParamSchema) {}
export class PartnerParamDto extends createZodDto(partnerParamSchema) {}
export class PartnerRoleQueryDto extends createZodDto(partnerRoleQuerySchema) {}
