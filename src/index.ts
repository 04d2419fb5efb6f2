export * from './function';
export * from './latency-profile';
export * from './rust-build';
