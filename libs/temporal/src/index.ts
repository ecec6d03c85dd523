export * from './connection';
export * from './names';
