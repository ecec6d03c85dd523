export * from './config.module';
export * from './config.schema';
export * from './load-config';
export * from './logging';
export * from './payload-keys';
export * from './repo-root';
