export * from './connection';
export * from './data-converter';
export * from './names';
export * from './payload-codec';
export * from './temporal-client.module';
