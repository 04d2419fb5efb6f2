import { Annotations, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LatencyProfile } from './latency-profile';
import { CargoManifestError, CargoProject, readCargoProject } from './private/cargo-manifest';
import { propError } from './private/errors';
import { checkMemorySize, checkTimeout } from './private/lambda-limits';
import { rustCode } from './private/rust-bundling';
import { RustBuildOptions } from './rust-build';

/**
 * Properties of a {@link LatencySensitiveFunction}.
 *
 * Every `lambda.FunctionOptions` prop is accepted; `memorySize` and `timeout` win over the
 * latency profile's.
 */
export interface LatencySensitiveFunctionProps extends lambda.FunctionOptions {
  /**
   * The Cargo project of the handler: a `Cargo.toml`, or the folder that holds it.
   */
  readonly manifestPath: string;

  /**
   * The binary to deploy. Required when the manifest is a workspace or its package has more
   * than one binary.
   *
   * @default - the package's only binary
   */
  readonly binaryName?: string;

  /**
   * Memory, timeout and latency budgets of the function.
   *
   * @default LatencyProfile.USER_FACING_VALIDATION
   */
  readonly profile?: LatencyProfile;

  /**
   * How the Rust handler is built.
   *
   * @default - release profile, local build with `RustToolchain.AUTO` when cargo-lambda is installed, Docker otherwise
   */
  readonly rustBuild?: RustBuildOptions;

  /**
   * Retention of the log group that the construct creates. Ignored when `logGroup` is given.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logGroupRetention?: logs.RetentionDays;
}

/**
 * A Rust Lambda function built with cargo-lambda, on arm64 and `provided.al2023` by default,
 * sized by a latency profile, with JSON logs in its own log group and no extension layers.
 */
export class LatencySensitiveFunction extends lambda.Function {
  /** The latency profile that sized this function and holds its budgets. */
  public readonly profile: LatencyProfile;

  /** The Cargo binary deployed as `bootstrap`. */
  public readonly binaryName: string;

  constructor(scope: Construct, id: string, props: LatencySensitiveFunctionProps) {
    const owner = `LatencySensitiveFunction '${scope.node.path ? `${scope.node.path}/` : ''}${id}'`;
    const profile = props.profile ?? LatencyProfile.USER_FACING_VALIDATION;
    checkProps(owner, props);
    const project = readProject(owner, props.manifestPath);
    const binaryName = chooseBinary(owner, project, props.binaryName);
    const architecture = props.architecture ?? lambda.Architecture.ARM_64;

    super(scope, id, {
      ...props,
      runtime: lambda.Runtime.PROVIDED_AL2023,
      handler: 'bootstrap',
      architecture,
      memorySize: props.memorySize ?? profile.memorySize,
      timeout: props.timeout ?? profile.timeout,
      loggingFormat: lambda.LoggingFormat.JSON,
      // A sibling, not a child: the group must exist before `super` can be given it.
      logGroup: props.logGroup ?? new logs.LogGroup(scope, `${id}LogGroup`, {
        retention: props.logGroupRetention ?? logs.RetentionDays.ONE_MONTH,
      }),
      code: rustCode({
        owner,
        project,
        binaryName,
        architecture,
        build: props.rustBuild ?? {},
        bundlingRequired: Stack.of(scope).bundlingRequired,
      }),
    });
    this.profile = profile;
    this.binaryName = binaryName;

    if (props.insightsVersion) {
      Annotations.of(this).addWarningV2('cdk-latency-sensitive-function:lambdaInsights',
        'Lambda Insights is an extension whose own init time adds to every cold start this function is watched for; remove insightsVersion unless you need its other metrics.');
    }
  }
}

function checkProps(owner: string, props: LatencySensitiveFunctionProps): void {
  if (props.memorySize !== undefined) checkMemorySize(owner, 'memorySize', props.memorySize);
  if (props.timeout !== undefined) checkTimeout(owner, 'timeout', props.timeout);
  if (props.loggingFormat === lambda.LoggingFormat.TEXT || (props.logFormat !== undefined && props.logFormat !== 'JSON')) {
    throw propError(owner, props.loggingFormat ? 'loggingFormat' : 'logFormat', 'the function logs JSON so that its platform.report records can be measured',
      'Leave loggingFormat out (JSON is the default here)');
  }
  if (props.systemLogLevelV2 !== undefined && ![lambda.SystemLogLevel.DEBUG, lambda.SystemLogLevel.INFO].includes(props.systemLogLevelV2)) {
    throw propError(owner, 'systemLogLevelV2', `${props.systemLogLevelV2} drops the INFO-level platform.report records that cold starts are measured from`,
      'Use SystemLogLevel.INFO or DEBUG, or leave it out');
  }
  if (props.logRetention !== undefined) {
    throw propError(owner, 'logRetention', 'it creates a custom resource to manage a log group, and this function already has its own log group',
      'Use logGroupRetention instead');
  }
}

function readProject(owner: string, manifestPath: string | undefined): CargoProject {
  if (typeof manifestPath !== 'string' || manifestPath === '') {
    throw propError(owner, 'manifestPath', 'it is required', 'Give the path of the handler\'s Cargo.toml, or of the folder that holds it');
  }
  try {
    return readCargoProject(manifestPath);
  } catch (e) {
    if (e instanceof CargoManifestError) {
      throw propError(owner, 'manifestPath', e.message, 'Give the path of a readable Cargo.toml, or of the folder that holds it');
    }
    throw e;
  }
}

function chooseBinary(owner: string, project: CargoProject, binaryName: string | undefined): string {
  const known = project.binaries.length > 0 ? project.binaries.map((b) => `'${b}'`).join(', ') : 'none';
  if (binaryName !== undefined) {
    if (!project.binaries.includes(binaryName)) {
      throw propError(owner, 'binaryName', `'${binaryName}' is not a binary of ${project.manifestFile} (binaries: ${known})`, 'Use one of the binaries listed');
    }
    return binaryName;
  }
  if (project.binaries.length === 1 && !project.isWorkspace) return project.binaries[0];
  const what = project.isWorkspace ? 'a workspace' : project.binaries.length === 0 ? 'a package with no binary target' : 'a package with several binaries';
  throw propError(owner, 'binaryName', `${project.manifestFile} is ${what} (binaries: ${known})`,
    project.binaries.length === 0 ? 'Add src/main.rs or a [[bin]] target to the package' : 'Set binaryName to the binary to deploy');
}
