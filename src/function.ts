import { Annotations, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ColdStartMetrics } from './cold-start-metrics';
import { LatencySensitiveFunctionProps } from './function-props';
import { LambdaCost } from './lambda-cost';
import { LatencyAlarms } from './latency-alarms';
import { LatencyDashboard } from './latency-dashboard';
import { LatencyProfile } from './latency-profile';
import { checkCargoProfile, chooseBinary, readProject } from './private/build/cargo-binary';
import { ensureLockfile } from './private/build/cargo-lockfile';
import { cargoSources } from './private/build/cargo-sources';
import { rustCode, rustToolchainEnvironment } from './private/build/rust-bundling';
import { propError } from './private/checks/errors';
import { checkBudgetsCanBeMet, checkFunctionProps } from './private/checks/function-props-checks';
import { given, shown } from './private/checks/type-checks';
import { MEASUREMENT_RECORD_VERSION, addMeasurementRecord, assemblyRelative, logicalIdOf, recordedEnvironment, twinRecordOf } from './private/measurement/measurement-record';
import { recordedFingerprint, withTwinSources } from './private/measurement/recorded-sources';
import { functionDescription } from './private/observability/function-description';
import { logWriterRole } from './private/observability/log-writer-role';
import { RustToolchain } from './rust-build';
import { Twin } from './twin';

/**
 * A comparison twin as deployed beside a LatencySensitiveFunction.
 */
export interface TwinFunction {
  /** The twin's name (`Twin.name`). */
  readonly name: string;
  /** The twin function. */
  readonly lambdaFunction: lambda.IFunction;
  /** Its cold-start metrics, read from its `platform.report` records like the Rust function's. */
  readonly coldStartMetrics: ColdStartMetrics;
}

/**
 * A Rust Lambda function built with cargo-lambda, on arm64 and `provided.al2023` by default,
 * sized by a latency profile, with JSON logs in its own log group and no extension layers.
 *
 * @example
 * const validate = new LatencySensitiveFunction(this, 'ValidateSignup', {
 *   manifestPath: 'rust/Cargo.toml', // relative to the app's folder, where cdk synth runs
 *   profile: LatencyProfile.USER_FACING_VALIDATION,
 *   twins: [Twin.python({ entry: 'twin-python', index: 'handler.py' })],
 * });
 */
export class LatencySensitiveFunction extends lambda.Function {
  /** The latency profile that sized this function and holds its budgets. */
  public readonly profile: LatencyProfile;

  /** The Cargo binary deployed as `bootstrap`. */
  public readonly binaryName: string;

  /** Cold-start metrics read from the function's `platform.report` records. */
  public readonly coldStartMetrics: ColdStartMetrics;

  /** The function's alarms, with thresholds from its profile. */
  public readonly alarms: LatencyAlarms;

  /** The function's dashboard, unless switched off. */
  public readonly latencyDashboard?: LatencyDashboard;

  /** The comparison twins, in the order of `twins`. */
  public readonly twins: TwinFunction[];

  /**
   * @param scope the construct that holds the function
   * @param id the function's construct ID, unique within `scope`
   * @param props the Cargo project, the profile, the twins and any `lambda.Function` prop
   */
  constructor(scope: Construct, id: string, props: LatencySensitiveFunctionProps) {
    const owner = `LatencySensitiveFunction '${scope.node.path ? `${scope.node.path}/` : ''}${id}'`;
    if (props === undefined || props === null) {
      throw propError(owner, 'props', 'they are required', 'Pass at least { manifestPath }');
    }
    const profile = props.profile ?? LatencyProfile.USER_FACING_VALIDATION;
    // Every check before the build starts: a typo in a twin must not wait for cargo.
    checkClassProps(owner, props);
    checkFunctionProps(owner, props);
    const project = readProject(owner, props.manifestPath);
    const binaryName = chooseBinary(owner, project, props.binaryName);
    if (given(props.rustBuild?.cargoProfile)) checkCargoProfile(owner, project, props.rustBuild.cargoProfile);
    const architecture = props.architecture ?? lambda.Architecture.ARM_64;
    const memorySize = props.memorySize ?? profile.memorySize;
    const timeout = props.timeout ?? profile.timeout;
    const twins = props.twins ?? [];
    const path = `${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
    const bundlingRequired = Stack.of(scope).bundlingRequired;
    for (const twin of twins) twin.check(`Twin.${twin.kind === 'existing' ? 'fromFunction' : twin.kind} for '${path}'`, architecture, props.ephemeralStorageSize, bundlingRequired);
    checkBudgetsCanBeMet(owner,
      props.alarms?.warmLatency?.threshold ? { value: props.alarms.warmLatency.threshold, prop: 'alarms.warmLatency.threshold' } : { value: profile.warmLatencyBudget, prop: 'profile.warmLatencyBudget' },
      props.alarms?.coldStartInit?.threshold ? { value: props.alarms.coldStartInit.threshold, prop: 'alarms.coldStartInit.threshold' } : { value: profile.coldStartBudget, prop: 'profile.coldStartBudget' },
      props.timeout ? { value: props.timeout, prop: 'timeout' } : { value: profile.timeout, prop: 'profile.timeout' });
    const build = props.rustBuild ?? {};
    const lockWritten = bundlingRequired && !build.forceDockerBundling
      ? ensureLockfile(owner, project, rustToolchainEnvironment({ owner, build, architecture, bundlingRequired })) : undefined;
    // After ensureLockfile, since Cargo.lock is one of them: what the asset hash and the record cover.
    const sources = bundlingRequired ? cargoSources({ owner, project, binaryName, architecture, build }) : undefined;
    const logGroupRetention = props.logGroupRetention ?? logs.RetentionDays.ONE_MONTH;
    // Siblings, not children: `super` must be given them.
    const logGroup = props.logGroup ?? new logs.LogGroup(scope, `${id}LogGroup`, { retention: logGroupRetention });

    super(scope, id, {
      description: functionDescription({ binaryName, profile, memorySize, architecture }),
      ...props,
      runtime: lambda.Runtime.PROVIDED_AL2023,
      handler: 'bootstrap',
      architecture,
      memorySize,
      timeout,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup,
      role: props.role ?? logWriterRole(scope, `${id}ServiceRole`, logGroup, { inVpc: given(props.vpc) }),
      code: rustCode({ owner, project, binaryName, architecture, build, bundlingRequired, sourceDigest: sources?.digest }),
    });
    this.profile = profile;
    this.binaryName = binaryName;
    if (lockWritten) {
      Annotations.of(this).addWarningV2('cdk-latency-sensitive-function:cargoLockWritten',
        `${lockWritten} did not exist: written before hashing the sources, so that every synth hashes the same code the same way. Commit it.`);
    }
    if (sources?.incomplete) Annotations.of(this).addWarningV2('cdk-latency-sensitive-function:pathDependenciesNotHashed', sources.incomplete);
    this.coldStartMetrics = new ColdStartMetrics(this, 'ColdStartMetrics', { lambdaFunction: this, logGroup: this.logGroup });
    this.alarms = new LatencyAlarms(this, 'Alarms', {
      ...props.alarms,
      metrics: this.coldStartMetrics,
      profile,
      alarmActions: props.alarmActions,
    });
    const { environment, ephemeralStorageSize } = props;
    const settings = { original: this, architecture, memorySize, timeout, environment, logGroupRetention, ephemeralStorageSize };
    this.twins = twins.map((twin, index) => {
      // The first twin keeps the IDs of the single-twin days, so a function that gains a
      // second twin does not replace its first.
      const twinId = index === 0 ? 'Twin' : `Twin${pascalCase(twin.name)}`;
      const lambdaFunction = twin.bind(this, twinId, settings);
      // An instrument, not a production path: measured like this function, but no alarms.
      const coldStartMetrics = new ColdStartMetrics(this, `${twinId}ColdStartMetrics`, {
        lambdaFunction,
        logGroup: twin.logGroup,
        label: `${id} ${twin.name} twin`,
        memorySize: twin.createdByConstruct ? memorySize : undefined,
      });
      return { name: twin.name, lambdaFunction, coldStartMetrics };
    });
    if (props.dashboard?.enabled !== false) {
      this.latencyDashboard = new LatencyDashboard(this, 'Dashboard', {
        primary: { metrics: this.coldStartMetrics, alarms: this.alarms },
        twins: this.twins.map((t) => ({ metrics: t.coldStartMetrics })),
        dashboardName: props.dashboard?.dashboardName,
        cost: props.dashboard?.cost,
      });
    }

    addMeasurementRecord(this, {
      version: MEASUREMENT_RECORD_VERSION,
      constructPath: this.node.path,
      logicalId: logicalIdOf(this),
      rust: {
        manifest: assemblyRelative(this, project.manifestFile),
        binary: binaryName,
        cargoProfile: build.cargoProfile ?? 'release',
        cargoLambdaFlags: build.cargoLambdaFlags ?? [],
        buildEnvironment: build.environment ?? {},
        toolchain: (build.toolchain ?? RustToolchain.AUTO).name,
        sources: sources && recordedFingerprint(this, sources.set, sources.hashes),
      },
      architecture: architecture.name,
      memorySize,
      timeoutMs: timeout.toMilliseconds({ integral: false }),
      environment: recordedEnvironment(props.environment),
      latencyProfile: {
        name: profile.name,
        memorySize: profile.memorySize,
        timeoutMs: profile.timeout.toMilliseconds({ integral: false }),
        coldStartBudgetMs: profile.coldStartBudget.toMilliseconds({ integral: false }),
        warmLatencyBudgetMs: profile.warmLatencyBudget.toMilliseconds({ integral: false }),
        maxColdStartRatePercent: profile.maxColdStartRatePercent,
      },
      // Only what a synth bundles is checked against the sources: a skipped stack reads none.
      twins: this.twins.map((t) => (bundlingRequired ? withTwinSources(this, twinRecordOf(t.lambdaFunction)) : twinRecordOf(t.lambdaFunction))),
    });

    if (props.insightsVersion) {
      Annotations.of(this).addWarningV2('cdk-latency-sensitive-function:lambdaInsights',
        'Lambda Insights is an extension whose own init time adds to every cold start this function is watched for; remove insightsVersion unless you need its other metrics.');
    }
  }

  /**
   * Init duration of cold starts, in ms, from `platform.report`.
   *
   * @default - p99 over 5 minutes
   */
  public metricInitDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.coldStartMetrics.metricInitDuration(props);
  }

  /**
   * Number of cold starts, from `platform.report`.
   *
   * @default - sum over 5 minutes
   */
  public metricColdStarts(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.coldStartMetrics.metricColdStarts(props);
  }

  /**
   * Share of invocations that were cold starts, in percent.
   *
   * @default - over 5 minutes
   */
  public metricColdStartRate(props?: cloudwatch.MathExpressionOptions): cloudwatch.MathExpression {
    return this.coldStartMetrics.metricColdStartRate(props);
  }

  /**
   * Maximum memory used by an invocation, in MB, from `platform.report`.
   *
   * @default - maximum over 5 minutes
   */
  public metricMaxMemoryUsed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.coldStartMetrics.metricMaxMemoryUsed(props);
  }
}

/** The checks that need this library's public classes; the rest are in private/checks. */
function checkClassProps(owner: string, props: LatencySensitiveFunctionProps): void {
  if (given(props.profile) && !(props.profile instanceof LatencyProfile)) {
    throw propError(owner, 'profile', `must be a LatencyProfile, got ${shown(props.profile)}`, 'Use a preset such as LatencyProfile.USER_FACING_VALIDATION, or LatencyProfile.custom()');
  }
  if (given(props.twins)) {
    if (!Array.isArray(props.twins)) {
      throw propError(owner, 'twins', `must be an array of Twin, got ${shown(props.twins)}`, 'Use e.g. [Twin.python({ entry }), Twin.node({ entry })]');
    }
    props.twins.forEach((twin, index) => {
      if (!(twin instanceof Twin)) {
        throw propError(owner, `twins[${index}]`, `must be a Twin, got ${shown(twin)}`, 'Use Twin.python(), Twin.node() or Twin.fromFunction()');
      }
    });
    const names = props.twins.map((t) => t.name);
    const repeated = names.find((name, index) => names.indexOf(name) !== index);
    if (repeated !== undefined) {
      throw propError(owner, 'twins', `two twins are named '${repeated}'`, 'Give each twin its own name, e.g. Twin.python({ entry, name: \'python-3-12\' })');
    }
  }
  if (given(props.dashboard?.cost) && !(props.dashboard.cost instanceof LambdaCost)) {
    throw propError(owner, 'dashboard.cost', `must be a LambdaCost, got ${shown(props.dashboard.cost)}`,
      'Use new LambdaCost({ arm64PerGbSecond, x86PerGbSecond, perMillionRequests }) with your region\'s prices, or leave it out for us-east-1\'s');
  }
}

function pascalCase(name: string): string {
  return name.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}
