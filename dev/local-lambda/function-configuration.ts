import { randomUUID } from 'node:crypto';
import { RuntimeSpec } from '../../src/lsf/bench/runtime/runtime-spec';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';

/** One function served by LocalLambdaApi. */
export interface LocalFunctionOptions {
  readonly name: string;
  /** The runtime process that runs the handler. */
  readonly spec: RuntimeSpec;
  /** MB; Lambda's default is 128. */
  readonly memorySize?: number;
  /** Seconds; Lambda's default is 3. Also the deadline of each invocation. */
  readonly timeoutSeconds?: number;
  readonly architecture?: 'arm64' | 'x86_64';
  /** The format of the execution log returned with `LogType: 'Tail'`; Lambda's default is Text. */
  readonly logFormat?: 'JSON' | 'Text';
  /** Environment.Variables: given to the runtime process on top of the spec's environment. */
  readonly environment?: Readonly<Record<string, string>>;
  readonly runtime?: string;
  readonly handler?: string;
  /** SnapStart on published versions (`SnapStart.ApplyOn: PublishedVersions`): their new environments report restores. */
  readonly snapStart?: boolean;
  /** Aliases the deployment made, each on version 1 (published from the initial configuration). */
  readonly aliases?: readonly string[];
}

/** The mutable part of a function's configuration. */
export interface FunctionSettings {
  readonly memorySize: number;
  readonly timeoutSeconds: number;
  readonly variables: Readonly<Record<string, string>>;
}

/** The FunctionConfiguration document of the Lambda API. */
export interface FunctionConfiguration {
  readonly FunctionName: string;
  readonly FunctionArn: string;
  readonly Runtime: string;
  readonly Role: string;
  readonly Handler: string;
  readonly CodeSize: number;
  readonly Description: string;
  readonly Timeout: number;
  readonly MemorySize: number;
  readonly LastModified: string;
  readonly CodeSha256: string;
  /** `$LATEST`, or a published version's number. */
  readonly Version: string;
  readonly Environment?: { readonly Variables: Readonly<Record<string, string>> };
  readonly TracingConfig: { readonly Mode: 'PassThrough' };
  readonly RevisionId: string;
  readonly State: 'Active' | 'Pending';
  readonly LastUpdateStatus: 'Successful' | 'InProgress';
  readonly PackageType: 'Zip';
  readonly Architectures: readonly string[];
  readonly EphemeralStorage: { readonly Size: number };
  readonly LoggingConfig: { readonly LogFormat: string; readonly LogGroup: string };
  readonly SnapStart?: { readonly ApplyOn: string; readonly OptimizationStatus: string };
}

export function functionArn(name: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
}

/** A function name, or its ARN (full or partial, possibly qualified with $LATEST), to its name. */
export function functionNameOf(nameOrArn: string): string {
  const arn = /^(?:arn:aws:lambda:[^:]+:)?\d{12}:function:([^:]+)(?::[^:]+)?$/.exec(nameOrArn);
  return arn ? arn[1] : nameOrArn;
}

/** The configuration shown by Get/UpdateFunctionConfiguration; settings change on update. */
export class ConfigurationRecord {
  public settings: FunctionSettings;
  public updating = false;
  private revisionId = randomUUID();
  private lastModified = lambdaTimestamp(new Date());

  constructor(private readonly options: LocalFunctionOptions) {
    this.settings = {
      memorySize: options.memorySize ?? 128,
      timeoutSeconds: options.timeoutSeconds ?? 3,
      variables: { ...options.environment },
    };
  }

  public get logFormat(): 'JSON' | 'Text' {
    return this.options.logFormat ?? 'Text';
  }

  public get revision(): string {
    return this.revisionId;
  }

  /** Applies an UpdateFunctionConfiguration request body: a new revision, whatever it changed. */
  public apply(settings: FunctionSettings): void {
    this.settings = settings;
    this.revisionId = randomUUID();
    this.lastModified = lambdaTimestamp(new Date());
  }

  public document(): FunctionConfiguration {
    const { name } = this.options;
    const variables = this.settings.variables;
    return {
      FunctionName: name,
      FunctionArn: functionArn(name),
      Runtime: this.options.runtime ?? 'provided.al2023',
      Role: `arn:aws:iam::${ACCOUNT}:role/${name}-role`,
      Handler: this.options.handler ?? 'bootstrap',
      CodeSize: this.options.spec.packageBytes ?? 0,
      Description: '',
      Timeout: this.settings.timeoutSeconds,
      MemorySize: this.settings.memorySize,
      LastModified: this.lastModified,
      CodeSha256: 'bG9jYWwtbGFtYmRhLWFwaQ==',
      Version: '$LATEST',
      // Lambda leaves Environment out of a function without variables.
      ...(Object.keys(variables).length > 0 ? { Environment: { Variables: { ...variables } } } : {}),
      TracingConfig: { Mode: 'PassThrough' },
      RevisionId: this.revisionId,
      State: 'Active',
      LastUpdateStatus: this.updating ? 'InProgress' : 'Successful',
      PackageType: 'Zip',
      Architectures: [this.options.architecture ?? 'x86_64'],
      EphemeralStorage: { Size: 512 },
      LoggingConfig: { LogFormat: this.logFormat, LogGroup: `/aws/lambda/${name}` },
      // On $LATEST SnapStart is configured but never applied ("Off"); a published version shows "On".
      ...(this.options.snapStart ? { SnapStart: { ApplyOn: 'PublishedVersions', OptimizationStatus: 'Off' } } : {}),
    };
  }
}

/** Lambda's LastModified format: `2026-11-28T06:49:42.123+0000`. */
function lambdaTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}
