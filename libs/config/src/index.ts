export * from './config.module';
export * from './config.schema';
export * from './load-config';
export * from './logging';
export * from './key-ring';
export * from './repo-root';
export * from './retention';
