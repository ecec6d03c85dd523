import type {
  Acknowledgement,
  AuthConfiguration,
  BirthDateCorrection,
  Closure,
  CourtMeasureChange,
  CreateTrajectory,
  Dashboard,
  Handover,
  HandoverRequest,
  LegalBasesChange,
  ListTasksQuery,
  ListTrajectoriesQuery,
  Me,
  MissingEpisodeRequest,
  MilestoneList,
  MunicipalityChange,
  MunicipalityList,
  OrganisationList,
  OverdueHandoverList,
  Partner,
  PartnerRole,
  PauseRequest,
  PlacementChange,
  ReopenedTrajectory,
  ReopeningRequest,
  Task,
  TaskPage,
  TreatmentStartRequest,
  Trajectory,
  TrajectoryPage,
  Completion,
  AnnualReport,
  AnnualReportQuery,
  CreateSignal,
  ListSignalsQuery,
  Signal,
  TriageRequest,
} from '@doorloop/contracts';

/**
 * Every route the web app calls, by path and method: what it sends (`query`, `body`) and what it gets back. The types
 * come from the contract's schemas, the same the api's DTOs are made of, so a renamed field fails the typecheck here.
 */
export interface Routes {
  '/auth-configuration': { get: { response: AuthConfiguration } };
  '/me': { get: { response: Me } };
  '/organisations': { get: { response: OrganisationList } };
  '/municipalities': { get: { response: MunicipalityList } };
  '/trajectories': {
    get: { query: ListTrajectoriesQuery; response: TrajectoryPage };
    post: { body: CreateTrajectory; response: Trajectory };
  };
  '/trajectories/{id}': { get: { response: Trajectory } };
  '/trajectories/{id}/milestones': { get: { response: MilestoneList } };
  '/trajectories/{id}/placements': { post: { body: PlacementChange; response: Trajectory } };
  '/trajectories/{id}/court-measures': { post: { body: CourtMeasureChange; response: Trajectory } };
  '/trajectories/{id}/court-measures/{courtMeasureId}': { put: { body: CourtMeasureChange; response: Trajectory } };
  '/trajectories/{id}/placements/{placementId}/treatment-start': {
    post: { body: TreatmentStartRequest; response: Trajectory };
  };
  '/trajectories/{id}/missing-episodes': { post: { body: MissingEpisodeRequest; response: Trajectory } };
  '/trajectories/{id}/missing-episodes/{episodeId}/return': { post: { response: Trajectory } };
  '/trajectories/{id}/birth-date-corrections': { post: { body: BirthDateCorrection; response: Trajectory } };
  '/trajectories/{id}/partners': { post: { body: Partner; response: Trajectory } };
  '/trajectories/{id}/partners/{organisationId}': { delete: { query: { role: PartnerRole }; response: Trajectory } };
  '/trajectories/{id}/municipality-changes': { post: { body: MunicipalityChange; response: Trajectory } };
  '/trajectories/{id}/pauses': { post: { body: PauseRequest; response: Trajectory } };
  '/trajectories/{id}/resumptions': { post: { response: Trajectory } };
  '/trajectories/{id}/closure': { post: { body: Closure; response: Trajectory } };
  '/trajectories/{id}/legal-bases': { post: { body: LegalBasesChange; response: Trajectory } };
  '/trajectories/{id}/handovers': { post: { body: HandoverRequest; response: Trajectory } };
  '/trajectories/{id}/reopenings': { post: { body: ReopeningRequest; response: ReopenedTrajectory } };
  '/tasks': { get: { query: ListTasksQuery; response: TaskPage } };
  '/tasks/{id}': { get: { response: Task } };
  '/tasks/{id}/claim': { post: { response: Task } };
  '/tasks/{id}/completion': { post: { body: Completion; response: Task } };
  '/handovers/{id}': { get: { response: Handover } };
  '/handovers/{id}/acknowledgement': { post: { body: Acknowledgement; response: Handover } };
  '/overdue-handovers': { get: { response: OverdueHandoverList } };
  '/dashboard': { get: { response: Dashboard } };
  '/signals': {
    get: { query: ListSignalsQuery; response: { items: Signal[]; nextCursor: string | null } };
    post: { body: CreateSignal; response: Signal };
  };
  '/signals/{id}': { get: { response: Signal } };
  '/signals/{id}/triage': { post: { body: TriageRequest; response: Signal } };
  '/reports/annual': { get: { query: AnnualReportQuery; response: AnnualReport } };
}

export type Method = 'get' | 'post' | 'put' | 'delete';
export type Path = keyof Routes;
/** The paths that answer `method`. */
export type PathFor<M extends Method> = { [P in Path]: M extends keyof Routes[P] ? P : never }[Path];
type Route<P extends Path, M extends Method> = M extends keyof Routes[P] ? Routes[P][M] : never;
export type ResponseOf<P extends Path, M extends Method> = Route<P, M> extends { response: infer R } ? R : never;
export type BodyOf<P extends Path, M extends Method> = Route<P, M> extends { body: infer B } ? B : never;

/** `{id}` and `{organisationId}` of `/trajectories/{id}/partners/{organisationId}`. */
type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? Name | ParamNames<Rest> : never;

/** What a call passes besides the path: the path's parameters, the query and the body where the route has them. */
export type Request<P extends Path, M extends Method> = ([ParamNames<P>] extends [never]
  ? { params?: never }
  : { params: Record<ParamNames<P>, string> }) &
  (Route<P, M> extends { query: infer Q } ? { query?: Q } : { query?: never }) &
  (Route<P, M> extends { body: infer B } ? { body: B } : { body?: never });

/** A route without parameters or body may be called with the path alone. */
export type RequestArgs<P extends Path, M extends Method> =
  Record<never, never> extends Request<P, M> ? [request?: Request<P, M>] : [request: Request<P, M>];
