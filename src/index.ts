export * from './cold-start-alarm-options';
export * from './cold-start-alarms';
export * from './cold-start-metrics';
export * from './function';
export * from './lambda-cost';
export * from './latency-dashboard';
export * from './latency-profile';
export * from './rust-build';
