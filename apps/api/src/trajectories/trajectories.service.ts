import { Inject, Injectable } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '@doorloop/config';
import { validateFacts, type TrajectoryFacts } from '@doorloop/domain';
import { ReferenceDataRepository, TrajectoryRepository, type TrajectoryEntity } from '@doorloop/persistence';
import { TRAJECTORY_WORKFLOW_TYPE, trajectoryWorkflowId } from '@doorloop/temporal';
import type { TrajectoryWorkflowInput } from '@doorloop/workflows';
import { ProblemException, type FieldError } from '../http/problem';
import { regionPolicy } from './region-policy';
import type { CreateTrajectoryDto } from './trajectory.dto';

@Injectable()
export class TrajectoriesService {
  constructor(
    private readonly trajectories: TrajectoryRepository,
    private readonly referenceData: ReferenceDataRepository,
    @Inject(Client) private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Stores the trajectory and starts its workflow as one unit: the row is committed only after Temporal accepted the
   * workflow, and a failure on either side leaves nothing behind.
   */
  async create(input: CreateTrajectoryDto, now: number = Date.now()): Promise<TrajectoryEntity> {
    const municipality = await this.referenceData.findMunicipality(input.municipalityCode);
    if (!municipality) {
      throw ProblemException.invalid([
        {
          in: 'body',
          field: 'municipalityCode',
          detail: `Unknown municipality ${input.municipalityCode}: use one listed at /api/v1/municipalities.`,
        },
      ]);
    }
    const coordinatorOrganisation = await this.referenceData.findCoordinatorOrganisation(municipality.regionId);
    const region = await this.referenceData.findRegion(municipality.regionId);
    if (!coordinatorOrganisation || !region) {
      throw new ProblemException(
        409,
        'region-not-configured',
        'Conflict',
        `The region of ${municipality.code} has no coordinating organisation yet; ask the regional admin to add one.`,
      );
    }
    const id = randomUUID();
    const facts: TrajectoryFacts = {
      birthDate: input.birthDate,
      startedOn: now,
      coordinatorOrganisationId: coordinatorOrganisation.id,
      municipalityCode: municipality.code,
      partners: [],
      placements: [],
      courtMeasures: [],
      pauses: [],
    };
    const problems = validateFacts(facts, now);
    if (problems.length > 0) {
      throw ProblemException.invalid(
        problems.map((p): FieldError => ({ in: 'body', field: p.path, detail: p.message })),
      );
    }
    const policy = regionPolicy(region);
    const row = {
      id,
      pseudonym: input.pseudonym,
      birthDate: input.birthDate,
      municipalityCode: municipality.code,
      regionId: municipality.regionId,
      coordinatorOrganisationId: coordinatorOrganisation.id,
      policyVersion: policy.version,
      facts,
    };
    const workflowId = trajectoryWorkflowId(id);
    try {
      await this.trajectories.insertWithin(row, async () => {
        const args: [TrajectoryWorkflowInput] = [{ trajectoryId: id, facts, policy }];
        await this.temporal.workflow.start(TRAJECTORY_WORKFLOW_TYPE, {
          workflowId,
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args,
        });
      });
    } catch (error) {
      // The commit failed after the start: the workflow must not outlive the trajectory it belongs to.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        await this.temporal.workflow
          .getHandle(workflowId)
          .terminate('trajectory was not stored')
          .catch(() => undefined);
      }
      throw error;
    }
    const stored = await this.trajectories.findById(id);
    if (!stored) throw new Error(`trajectory ${id} vanished after commit`);
    return stored;
  }

  async get(id: string): Promise<TrajectoryEntity> {
    const trajectory = await this.trajectories.findById(id);
    if (!trajectory) throw ProblemException.notFound(`Trajectory ${id}`);
    return trajectory;
  }
}
