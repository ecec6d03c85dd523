export * from './connection';
export * from './names';
export * from './temporal-client.module';
