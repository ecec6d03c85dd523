export * from './aes-gcm';
export * from './envelope-cipher';
