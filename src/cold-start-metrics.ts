import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { propError } from './private/checks/errors';
import { checkMemorySize } from './private/checks/lambda-limits';
import { checkString, given, isConstructWith, shown } from './private/checks/type-checks';
import { MANAGED_INSTANCES_WARNING, PROVISIONED_CONCURRENCY_WARNING, warnWhenNeverCold } from './private/observability/never-cold';
import { mayRestore } from './private/observability/report-expectations';

/**
 * Properties of {@link ColdStartMetrics}.
 */
export interface ColdStartMetricsProps {
  /**
   * The function to watch (not an alias or version). It must log in JSON (`loggingFormat: lambda.LoggingFormat.JSON`) with
   * system log level INFO or DEBUG, so that Lambda writes its `platform.report` records as JSON.
   */
  readonly lambdaFunction: lambda.IFunction;

  /**
   * The log group that the function writes to.
   *
   * Required for an imported function. For a `lambda.Function` without an explicit log group,
   * CDK's `Function.logGroup` pre-creates `/aws/lambda/<name>` through a custom resource that
   * sets its retention to "never expire": pass the group yourself to avoid that.
   *
   * @default - the function's own `logGroup`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * A short label for the function in graphs and dashboards.
   *
   * @default - the function's construct id
   */
  readonly label?: string;

  /**
   * Memory of the function in MB, used to estimate its cost.
   *
   * @default - the configured memory of a `lambda.Function` defined in this app (128 MB when it sets none); unknown for an imported function
   */
  readonly memorySize?: number;
}

/**
 * Cold-start metrics for any Lambda function that logs JSON, without Lambda Insights.
 *
 * Metric filters on the function's log group read Lambda's `platform.report` records and
 * publish the init duration (ms) of each cold start, a count of cold starts, the restore
 * duration (ms) and a count of SnapStart restores, and the maximum memory used, in the
 * namespace `ColdStartMetrics/<function name>`: function names are unique in an account and
 * region, so two functions never share a metric.
 *
 * A SnapStart function initializes when a version is published; a new execution environment
 * then restores the snapshot, and its report carries `restoreDurationMs` instead of
 * `initDurationMs`. AWS counts such a cold start as restore + duration, so the cold-start rate
 * counts restores too.
 *
 * A function whose reports can never carry `initDurationMs` (provisioned concurrency on one of
 * its aliases or versions, or a capacity provider) gets a synth warning: its cold-start
 * metrics will stay empty.
 *
 * @example
 * // Watch an existing Python function to see whether it is worth moving to Rust.
 * declare const legacy: lambda.Function; // logs JSON
 * const metrics = new ColdStartMetrics(this, 'LegacyColdStarts', { lambdaFunction: legacy });
 * new cloudwatch.Alarm(this, 'LegacyColdStartsSlow', {
 *   metric: metrics.metricInitDuration(),
 *   threshold: 300,
 *   evaluationPeriods: 3,
 * });
 */
export class ColdStartMetrics extends Construct {
  /** Filter pattern of a cold start's `platform.report` record: only cold starts carry `initDurationMs`. */
  public static readonly COLD_START_REPORT_PATTERN = '{ $.type = "platform.report" && $.record.metrics.initDurationMs = * }';

  /** Filter pattern of every `platform.report` record, cold or warm. */
  public static readonly REPORT_PATTERN = '{ $.type = "platform.report" && $.record.metrics.maxMemoryUsedMB = * }';

  /**
   * Filter pattern of a SnapStart restore's `platform.report` record: only a new execution
   * environment restored from a snapshot carries `restoreDurationMs`.
   */
  public static readonly RESTORE_REPORT_PATTERN = '{ $.type = "platform.report" && $.record.metrics.restoreDurationMs = * }';

  /** Id of the synth warning for a function kept warm by provisioned concurrency (to acknowledge it). */
  public static readonly PROVISIONED_CONCURRENCY_WARNING = PROVISIONED_CONCURRENCY_WARNING;

  /** Id of the synth warning for a function on Lambda Managed Instances (to acknowledge it). */
  public static readonly MANAGED_INSTANCES_WARNING = MANAGED_INSTANCES_WARNING;

  /**
   * The ColdStartMetrics already watching `fn`, wherever in its app they were created (a
   * LatencySensitiveFunction makes its own; an app may make them beside the function). Found by
   * what they watch, not where they sit, so that no function gets two sets of metric filters.
   *
   * @returns undefined when nothing watches it yet
   */
  public static find(fn: lambda.IFunction): ColdStartMetrics | undefined {
    return fn.node.root.node.findAll()
      .find((c): c is ColdStartMetrics => c instanceof ColdStartMetrics && c.lambdaFunction === fn);
  }

  /** The watched function. */
  public readonly lambdaFunction: lambda.IFunction;

  /** The log group that the metric filters read. */
  public readonly logGroup: logs.ILogGroup;

  /** The CloudWatch namespace of this function's metrics. */
  public readonly metricNamespace: string;

  /** The function's label in graphs and dashboards. */
  public readonly label: string;

  /** Memory of the function in MB, when known. */
  public readonly memorySize?: number;

  /** Publishes `InitDuration` (ms) for every cold start. */
  public readonly initDurationFilter: logs.MetricFilter;

  /** Publishes `ColdStarts` (1 per cold start). */
  public readonly coldStartsFilter: logs.MetricFilter;

  /** Publishes `MaxMemoryUsed` (MB) for every invocation. */
  public readonly maxMemoryUsedFilter: logs.MetricFilter;

  /**
   * Publishes `RestoreDuration` (ms) for every SnapStart restore.
   *
   * @default - none, for a function that cannot restore (no SnapStart configured)
   */
  public readonly restoreDurationFilter?: logs.MetricFilter;

  /**
   * Publishes `BilledRestoreDuration` (ms) for every SnapStart restore: the part of the restore
   * billed as duration (loading the runtime, after-restore hooks; restoring the snapshot is
   * priced per GB instead).
   *
   * @default - none, for a function that cannot restore (no SnapStart configured)
   */
  public readonly billedRestoreDurationFilter?: logs.MetricFilter;

  /**
   * Publishes `Restores` (1 per SnapStart restore).
   *
   * @default - none, for a function that cannot restore (no SnapStart configured)
   */
  public readonly restoresFilter?: logs.MetricFilter;

  /** Whether the function's reports may carry restores: SnapStart on, or a function defined elsewhere. */
  public readonly mayRestore: boolean;

  /**
   * @param scope the construct that holds the metric filters
   * @param id the metric filters' construct ID, unique within `scope`
   * @param props the function to watch, and where its reports go
   */
  constructor(scope: Construct, id: string, props: ColdStartMetricsProps) {
    super(scope, id);
    const fn = props?.lambdaFunction;
    if (!isConstructWith(fn, 'functionArn')) {
      throw propError(this, 'lambdaFunction', `must be a lambda.IFunction, got ${shown(fn)}`, 'Pass the function to watch');
    }
    if (given(props.logGroup) && !isConstructWith(props.logGroup, 'logGroupArn')) {
      throw propError(this, 'logGroup', `must be a logs.ILogGroup, got ${shown(props.logGroup)}`, 'Pass the function\'s log group, or leave it out');
    }
    if (given(props.label)) checkString(this, 'label', props.label);
    if (fn instanceof lambda.QualifiedFunctionBase) {
      throw propError(this, 'lambdaFunction', `'${fn.node.path}' is an alias or version, whose platform.report records go to its function's log group unlabelled`,
        'Watch the function itself (alias.version.lambda or version.lambda)');
    }
    this.lambdaFunction = fn;
    this.logGroup = props.logGroup ?? logGroupOf(this, fn);
    this.label = props.label ?? fn.node.id;
    this.memorySize = props.memorySize ?? memorySizeOf(fn);
    if (given(props.memorySize)) checkMemorySize(this, 'memorySize', props.memorySize);
    checkJsonReports(this, fn);
    this.metricNamespace = `ColdStartMetrics/${fn.functionName}`;

    this.initDurationFilter = this.reportFilter('InitDurationFilter', ColdStartMetrics.COLD_START_REPORT_PATTERN, 'InitDuration',
      '$.record.metrics.initDurationMs', cloudwatch.Unit.MILLISECONDS);
    this.coldStartsFilter = this.reportFilter('ColdStartsFilter', ColdStartMetrics.COLD_START_REPORT_PATTERN, 'ColdStarts',
      '1', cloudwatch.Unit.COUNT);
    this.maxMemoryUsedFilter = this.reportFilter('MaxMemoryUsedFilter', ColdStartMetrics.REPORT_PATTERN, 'MaxMemoryUsed',
      '$.record.metrics.maxMemoryUsedMB', cloudwatch.Unit.MEGABYTES);
    // Separate filters, not a wider ColdStarts pattern: the three above keep their patterns,
    // names and history, and a restore stays distinguishable from an init. Only where a
    // restore can happen: a fleet of functions without SnapStart would pay three resources each
    // against CloudFormation's 500 per stack for series that stay empty.
    this.mayRestore = mayRestore(fn);
    if (this.mayRestore) {
      this.restoreDurationFilter = this.reportFilter('RestoreDurationFilter', ColdStartMetrics.RESTORE_REPORT_PATTERN, 'RestoreDuration',
        '$.record.metrics.restoreDurationMs', cloudwatch.Unit.MILLISECONDS);
      this.restoresFilter = this.reportFilter('RestoresFilter', ColdStartMetrics.RESTORE_REPORT_PATTERN, 'Restores',
        '1', cloudwatch.Unit.COUNT);
      this.billedRestoreDurationFilter = this.reportFilter('BilledRestoreDurationFilter', ColdStartMetrics.RESTORE_REPORT_PATTERN,
        'BilledRestoreDuration', '$.record.metrics.billedRestoreDurationMs', cloudwatch.Unit.MILLISECONDS);
    }
    warnWhenNeverCold(this, fn);
  }

  /**
   * Init duration of cold starts, in ms.
   *
   * @default - p99 over 5 minutes
   */
  public metricInitDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const statistic = props?.statistic ?? 'p99';
    return this.initDurationFilter.metric({ label: `${this.label} init ${statistic}`, ...props, statistic });
  }

  /**
   * Restore duration of SnapStart cold starts, in ms: restoring the snapshot, loading the
   * runtime and running after-restore hooks. Empty for a function without SnapStart.
   *
   * @default - p99 over 5 minutes
   */
  public metricRestoreDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const statistic = props?.statistic ?? 'p99';
    return this.metricOf('RestoreDuration', { label: `${this.label} restore ${statistic}`, ...props, statistic });
  }

  /**
   * Billed restore duration of SnapStart cold starts, in ms: loading the runtime and running
   * after-restore hooks, billed as duration (restoring the snapshot is not; it has a price per
   * GB restored). Empty for a function without SnapStart.
   *
   * @default - sum over 5 minutes
   */
  public metricBilledRestoreDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metricOf('BilledRestoreDuration', { statistic: 'Sum', label: `${this.label} billed restore`, ...props });
  }

  /**
   * Number of SnapStart restores (cold starts of a SnapStart function).
   *
   * @default - sum over 5 minutes
   */
  public metricRestores(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metricOf('Restores', { statistic: 'Sum', label: `${this.label} restores`, ...props });
  }

  /**
   * Number of cold starts that ran an init (SnapStart restores are counted by `metricRestores`).
   *
   * @default - sum over 5 minutes
   */
  public metricColdStarts(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.coldStartsFilter.metric({ statistic: 'Sum', label: `${this.label} cold starts`, ...props });
  }

  /**
   * Share of invocations that were cold starts, in percent: cold starts (inits and SnapStart
   * restores) divided by `AWS/Lambda` `Invocations`. A period without invocations has no value,
   * so an idle function never alarms.
   *
   * @default - over 5 minutes
   */
  public metricColdStartRate(props?: cloudwatch.MathExpressionOptions): cloudwatch.MathExpression {
    const period = props?.period ?? Duration.minutes(5);
    return new cloudwatch.MathExpression({
      // A period with invocations and no cold start has no ColdStarts datum: that is 0%, not "no data".
      // AWS counts a SnapStart cold start as restore + duration
      // (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html): a restore is one.
      expression: this.mayRestore ? '100 * (FILL(coldStarts, 0) + FILL(restores, 0)) / invocations' : '100 * FILL(coldStarts, 0) / invocations',
      usingMetrics: {
        coldStarts: this.metricColdStarts({ period }),
        ...(this.mayRestore ? { restores: this.metricRestores({ period }) } : {}),
        invocations: this.lambdaFunction.metricInvocations({ statistic: 'Sum', period }),
      },
      label: `${this.label} cold-start rate (%)`,
      ...props,
      period,
    });
  }

  /**
   * Maximum memory used by an invocation, in MB.
   *
   * @default - maximum over 5 minutes
   */
  public metricMaxMemoryUsed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.maxMemoryUsedFilter.metric({ statistic: 'Maximum', label: `${this.label} max memory used`, ...props });
  }

  /** A metric of this function's namespace; the same series its filter publishes, when it has one. */
  private metricOf(metricName: string, props: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: this.metricNamespace, metricName, dimensionsMap: {}, ...props });
  }

  private reportFilter(id: string, pattern: string, metricName: string, metricValue: string, unit: cloudwatch.Unit): logs.MetricFilter {
    return new logs.MetricFilter(this, id, {
      logGroup: this.logGroup,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: this.metricNamespace,
      metricName,
      metricValue,
      unit,
    });
  }
}

function logGroupOf(owner: ColdStartMetrics, fn: lambda.IFunction): logs.ILogGroup {
  if (fn instanceof lambda.Function) return fn.logGroup;
  throw propError(owner, 'logGroup', `the log group of '${fn.node.path}' cannot be found at synth time (it is not a lambda.Function defined in this app)`,
    'Pass the function\'s log group, e.g. logs.LogGroup.fromLogGroupName(this, \'Logs\', \'/aws/lambda/my-function\')');
}

function memorySizeOf(fn: lambda.IFunction): number | undefined {
  if (!(fn instanceof lambda.Function)) return undefined;
  const memorySize = (fn.node.defaultChild as lambda.CfnFunction).memorySize ?? 128;
  return Token.isUnresolved(memorySize) ? undefined : memorySize;
}

/**
 * A function defined in this app must log JSON at INFO or DEBUG, or no `platform.report`
 * record reaches the filters. An imported function's configuration cannot be read.
 */
function checkJsonReports(owner: ColdStartMetrics, fn: lambda.IFunction): void {
  if (!(fn instanceof lambda.Function)) return;
  const config = Stack.of(fn).resolve((fn.node.defaultChild as lambda.CfnFunction).loggingConfig) ?? {};
  const format = config.logFormat ?? 'Text';
  if (!Token.isUnresolved(format) && format !== 'JSON') {
    throw propError(owner, 'lambdaFunction', `'${fn.node.path}' logs in the ${format} format, where platform.report records are plain text that JSON metric filters never match`,
      'Set loggingFormat: lambda.LoggingFormat.JSON on the function');
  }
  const level = config.systemLogLevel;
  if (level !== undefined && !Token.isUnresolved(level) && !['INFO', 'DEBUG'].includes(level)) {
    throw propError(owner, 'lambdaFunction', `'${fn.node.path}' has system log level ${level}, which drops the INFO-level platform.report records`,
      'Set systemLogLevelV2 to lambda.SystemLogLevel.INFO or DEBUG, or leave it out');
  }
}
