import { FunctionConfiguration } from '@aws-sdk/client-lambda';

/** What the ranking needs to know of one deployed function, from its configuration. */
export interface FleetFunction {
  readonly name: string;
  /** `python3.13`, `nodejs22.x`, `provided.al2023`; `image` for a container image (no runtime in its configuration). */
  readonly runtime: string;
  readonly architecture: 'arm64' | 'x86_64';
  readonly memorySize: number;
  /** Where it logs: LoggingConfig.LogGroup, else Lambda's default `/aws/lambda/<name>`. */
  readonly logGroup: string;
  /** The platform records the query reads (platform.report, platform.initStart) exist only in JSON logs. */
  readonly logFormat: 'JSON' | 'Text';
}

export function fleetFunctionOf(config: FunctionConfiguration): FleetFunction {
  const name = config.FunctionName!;
  return {
    name,
    runtime: config.Runtime ?? (config.PackageType === 'Image' ? 'image' : 'unknown'),
    architecture: config.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    memorySize: config.MemorySize ?? 128,
    logGroup: config.LoggingConfig?.LogGroup ?? `/aws/lambda/${name}`,
    logFormat: config.LoggingConfig?.LogFormat === 'JSON' ? 'JSON' : 'Text',
  };
}
