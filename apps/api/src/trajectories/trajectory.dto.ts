import { createZodDto } from 'nestjs-zod';
import {
  birthDateCorrectionSchema,
  closureSchema,
  courtMeasureChangeSchema,
  courtMeasureParamSchema,
  missingEpisodeParamSchema,
  missingEpisodeSchema,
  pauseSchema,
  placementChangeSchema,
  placementParamSchema,
  treatmentStartSchema,
  createTrajectorySchema,
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
  trajectoryPageSchema,
  trajectorySchema,
} from '@doorloop/contracts';

export class CreateTrajectoryDto extends createZodDto(createTrajectorySchema) {}
export class PlacementChangeDto extends createZodDto(placementChangeSchema) {}
export class CourtMeasureDto extends createZodDto(courtMeasureChangeSchema) {}
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
export class PauseDto extends createZodDto(pauseSchema) {}
export class TreatmentStartDto extends createZodDto(treatmentStartSchema) {}
export class MissingEpisodeDto extends createZodDto(missingEpisodeSchema) {}
export class PlacementParamDto extends createZodDto(placementParamSchema) {}
export class MissingEpisodeParamDto extends createZodDto(missingEpisodeParamSchema) {}
