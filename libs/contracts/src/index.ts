export * from './problem';
export * from './task-outcome';
