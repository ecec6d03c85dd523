/**
 * The words the api and its clients share. Each is a concept of the domain and defined there, once; the contract
 * publishes them so the api, persistence and the web app import them from here.
 */
export {
  CHANGE_REASONS,
  CHECKLIST_STATUSES,
  COURT_MEASURE_TYPES,
  EXIT_CHECKLIST_ITEMS,
  EXIT_CHECKLIST_LABELS,
  HANDOVER_STATUSES,
  MILESTONE_KINDS,
  MILESTONE_PROJECTION_STATUSES,
  MILESTONE_STATUSES,
  PARTNER_ROLES,
  PAUSE_REASONS,
  PLACEMENT_TYPES,
  ROLES,
  TASK_KINDS,
  TASK_STATUSES,
  TRAJECTORY_STATUSES,
  USER_ROLES,
  type ChangeReason,
  type ChecklistStatus,
  type CourtMeasureType,
  type ExitChecklistItem,
  type HandoverStatus,
  type MilestoneKind,
  type MilestoneProjectionStatus,
  type MilestoneStatus,
  type PartnerRole,
  type PauseReason,
  type PlacementType,
  type Role,
  type TaskKind,
  type TaskStatus,
  type TrajectoryStatus,
  type UserRole,
} from '@doorloop/domain';
import { EXIT_CHECKLIST_ITEMS } from '@doorloop/domain';

/** The life domains a review and the exit checklist speak to: the same six. */
export const LIFE_DOMAINS = EXIT_CHECKLIST_ITEMS;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];
