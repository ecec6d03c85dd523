export type * from './activity-contract';
export * from './trajectory.workflow';
export * from './updates';
export type * from './task-records';
export * from './retention.workflow';
export * from './signal-triage.workflow';
