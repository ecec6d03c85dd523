export * from './aes-gcm';
export * from './envelope-cipher';
export * from './subject-hasher';
