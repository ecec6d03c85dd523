export * from './data-source';
export * from './demo-seed';
export * from './entities';
export * from './persistence.module';
export * from './repositories/agenda.repository';
export * from './repositories/reference-data.repository';
export * from './repositories/task.repository';
export * from './repositories/trajectory.repository';
