export * from './task-outcome';
