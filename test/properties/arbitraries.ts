import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { LatencyAlarmOptions, CustomLatencyProfileOptions, InvocationUsage, LambdaCost, LambdaPrices, LatencyProfile } from '../../src';

/**
 * Generators of props, valid and invalid. An invalid value comes with the prop it breaks,
 * so that a property can check that the error names exactly that prop.
 */

/** A value that breaks one prop: `prop` is the path the error must name. */
export interface Broken {
  readonly prop: string;
  readonly value: unknown;
}

/**
 * What a JavaScript, Python or Java caller can hand through jsii where another type belongs.
 * `null` is not here: like Python's `None`, it means "not given" (see the null properties).
 */
export const wrongType: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  '512', 'arm64', 'PT3S', '', true, 3, [], [512], {}, { name: 'arm64' }, { amount: 3, unit: 'seconds' });

/** Numbers no limit accepts: not finite, or not numbers at all. */
export const notANumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity),
  wrongType.filter((v) => typeof v !== 'number'));

/** Lambda's memory limits: whole MB from 128 to 10240. */
export const memorySize = fc.integer({ min: 128, max: 10240 });
export const badMemorySize: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 127 }),
  fc.integer({ min: 10241, max: 1_000_000 }),
  fc.double({ min: 128, max: 10240, noNaN: true }).filter((v) => !Number.isInteger(v)),
  notANumber);

/** Lambda's timeout limits: whole seconds from 1 to 900, written in any unit. */
export const timeout: fc.Arbitrary<Duration> = fc.oneof(
  fc.integer({ min: 1, max: 900 }).map(Duration.seconds),
  fc.integer({ min: 1, max: 15 }).map(Duration.minutes),
  fc.integer({ min: 1, max: 900 }).map((s) => Duration.millis(s * 1000)));
export const badTimeout: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Duration.seconds(0), Duration.millis(999), Duration.seconds(901), Duration.minutes(16), Duration.hours(1)),
  fc.double({ min: 0, max: 2_000_000, noNaN: true }).filter((ms) => ms % 1000 !== 0).map(Duration.millis),
  fc.integer({ min: 901, max: 1_000_000 }).map(Duration.seconds),
  fc.constantFrom(NaN, Infinity).map(Duration.seconds),
  wrongType);

/** A latency budget or threshold: any finite duration above zero, fractional milliseconds included. */
export const budget: fc.Arbitrary<Duration> = fc.oneof(
  fc.double({ min: 0.001, max: 900_000, noNaN: true }).map(Duration.millis),
  fc.integer({ min: 1, max: 60 }).map(Duration.seconds));
/**
 * A budget every function can meet: below the shortest timeout (1 s), and so below Lambda's
 * 10 s init limit. A function refuses budgets it cannot meet, whatever the profile allows.
 */
export const meetableBudget: fc.Arbitrary<Duration> = fc.double({ min: 0.001, max: 999, noNaN: true }).map(Duration.millis);
export const badBudget: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(Duration.millis(0), Duration.seconds(0)),
  fc.constantFrom(NaN, Infinity).map(Duration.millis),
  wrongType);

/** A share in percent: above 0, at most 100. */
export const ratePercent = fc.double({ min: 0.001, max: 100, noNaN: true });
export const badRatePercent: fc.Arbitrary<unknown> = fc.oneof(
  fc.double({ min: -1e6, max: 0, noNaN: true }),
  fc.double({ min: 100, max: 1e6, noNaN: true, minExcluded: true }),
  notANumber);

/** A profile name: 1-64 letters, digits, '-' or '_', starting with a letter or digit. */
export const profileName = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
export const badProfileName: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', '-leading', 'has spaces', 'a'.repeat(65), 'naïve', 'a/b', 'x\n'),
  fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(s)),
  wrongType.filter((v) => typeof v !== 'string'));

export const preset = fc.constantFrom(
  LatencyProfile.REAL_TIME_API, LatencyProfile.USER_FACING_VALIDATION, LatencyProfile.HIGH_FREQUENCY, LatencyProfile.COST_SENSITIVE);

export const customProfileOptions: fc.Arbitrary<CustomLatencyProfileOptions> = fc.record({
  basedOn: preset,
  name: profileName,
  memorySize,
  timeout,
  coldStartBudget: budget,
  warmLatencyBudget: budget,
  maxColdStartRatePercent: ratePercent,
}, { requiredKeys: [] });

/** Valid custom options with one option broken. */
export const badCustomProfileOptions: fc.Arbitrary<{ options: CustomLatencyProfileOptions; broken: Broken }> = breakOne(customProfileOptions, {
  basedOn: wrongType,
  name: badProfileName,
  memorySize: badMemorySize,
  timeout: badTimeout,
  coldStartBudget: badBudget,
  warmLatencyBudget: badBudget,
  maxColdStartRatePercent: badRatePercent,
}).map(({ value, broken }) => ({ options: value, broken }));

/** A profile for a function: custom budgets it can meet. */
export const profile: fc.Arbitrary<LatencyProfile> = fc.oneof(preset,
  fc.tuple(customProfileOptions, meetableBudget, meetableBudget)
    .map(([options, cold, warm]) => LatencyProfile.custom({ ...options, coldStartBudget: cold, warmLatencyBudget: warm })));

/** Alarm tuning CloudWatch accepts for one-minute metrics: whole minutes, at most a day evaluated. */
const tuning = fc.record({
  enabled: fc.boolean(),
  period: fc.integer({ min: 1, max: 60 }).map(Duration.minutes),
  evaluationPeriods: fc.integer({ min: 1, max: 24 }),
  datapointsToAlarm: fc.integer({ min: 1, max: 24 }),
}, { requiredKeys: [] }).map((t) => (t.datapointsToAlarm === undefined ? t
  : { ...t, datapointsToAlarm: Math.min(t.datapointsToAlarm, t.evaluationPeriods ?? 3) }));

const latencyAlarm = fc.tuple(tuning,
  fc.record({ threshold: meetableBudget, percentile: fc.constantFrom(50, 90, 95, 99, 99.9) }, { requiredKeys: [] }))
  .map(([t, l]) => ({ ...t, ...l }));
const rateAlarm = fc.tuple(tuning, fc.record({ thresholdPercent: ratePercent }, { requiredKeys: [] })).map(([t, r]) => ({ ...t, ...r }));
const countAlarm = fc.tuple(tuning, fc.record({ threshold: fc.integer({ min: 0, max: 1000 }) }, { requiredKeys: [] }))
  .map(([t, c]) => ({ ...t, ...c }));

export const alarmOptions: fc.Arbitrary<LatencyAlarmOptions> = fc.record({
  coldStartInit: latencyAlarm,
  warmLatency: latencyAlarm,
  coldStartRate: rateAlarm,
  errors: countAlarm,
  throttles: countAlarm,
  alarmNamePrefix: fc.stringMatching(/^[A-Za-z0-9][ -~]{0,40}$/),
}, { requiredKeys: [] });

/** Alarm options with exactly one option broken; `prop` is relative to the options. */
export const badAlarmOptions: fc.Arbitrary<{ options: LatencyAlarmOptions; broken: Broken }> = fc.tuple(
  alarmOptions,
  fc.constantFrom('coldStartInit', 'warmLatency', 'coldStartRate', 'errors', 'throttles'),
  fc.oneof(
    fc.record({ field: fc.constant('period'), value: fc.oneof(fc.constantFrom(Duration.seconds(30), Duration.seconds(90), Duration.millis(60_000.5)), wrongType) }),
    fc.record({ field: fc.constant('evaluationPeriods'), value: fc.oneof(fc.constantFrom(0, -1, 1.5, 10_000), notANumber) }),
    fc.record({ field: fc.constant('datapointsToAlarm'), value: fc.oneof(fc.constantFrom(0, 2.5, 1000), notANumber) }),
  ),
).map(([options, alarm, { field, value }]) => {
  const current = (options as any)[alarm] ?? {};
  // Keep datapointsToAlarm consistent so that only the broken field is wrong.
  const { datapointsToAlarm: _, ...rest } = current;
  return { options: { ...options, [alarm]: { ...rest, [field]: value } }, broken: { prop: `${alarm}.${field}`, value } };
});

/** Threshold and percentile of a latency alarm, and thresholds of the others, broken. */
export const badAlarmThreshold: fc.Arbitrary<{ options: LatencyAlarmOptions; broken: Broken }> = fc.oneof(
  fc.tuple(fc.constantFrom('coldStartInit', 'warmLatency'), badBudget).map(([alarm, value]) => ({ alarm, field: 'threshold', value })),
  fc.tuple(fc.constantFrom('coldStartInit', 'warmLatency'), fc.oneof(fc.constantFrom(0, 100, -5, 1e-7, 99.12345678901), notANumber))
    .map(([alarm, value]) => ({ alarm, field: 'percentile', value })),
  badRatePercent.map((value) => ({ alarm: 'coldStartRate', field: 'thresholdPercent', value })),
  fc.tuple(fc.constantFrom('errors', 'throttles'), fc.oneof(fc.constantFrom(-1, -0.5), notANumber)).map(([alarm, value]) => ({ alarm, field: 'threshold', value })),
).map(({ alarm, field, value }) => ({ options: { [alarm]: { [field]: value } }, broken: { prop: `${alarm}.${field}`, value } }));

export const badAlarmNamePrefix: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'x'.repeat(201), 'tab\there', 'ünïcode'),
  wrongType.filter((v) => typeof v !== 'string'));

export const dashboardName = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
export const badDashboardName: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'has space', 'a.b', 'x'.repeat(256)),
  wrongType.filter((v) => typeof v !== 'string'));

/** Lambda's environment: names of letters, digits and '_' starting with a letter, string values. */
const RESERVED_ENVIRONMENT = /^(_HANDLER|_X_AMZN_TRACE_ID|AWS_REGION|AWS_EXECUTION_ENV|AWS_LAMBDA_.*|AWS_ACCESS_KEY.*|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|LAMBDA_TASK_ROOT|LAMBDA_RUNTIME_DIR)$/;
export const environment = fc.dictionary(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{1,20}$/).filter((k) => !RESERVED_ENVIRONMENT.test(k)),
  fc.string({ maxLength: 30 }),
  { maxKeys: 5 });
export const badEnvironment: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>({ '1ST': 'x' }, { 'HAS SPACE': 'x' }, { 'A-B': 'x' }, { '': 'x' }, { MODE: 1 }, { MODE: null }, { MODE: {} }, { MODE: undefined },
    { AWS_REGION: 'eu-west-1' }, { BIG: 'x'.repeat(4097) }),
  fc.constantFrom<unknown>('MODE=strict', ['MODE'], 5, true));

export const retention = fc.constantFrom(...Object.values(logs.RetentionDays).filter((v): v is logs.RetentionDays => typeof v === 'number'));
export const badRetention: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, 2, 4, 31, 366, -1, 1.5),
  notANumber);

export const architecture = fc.constantFrom(lambda.Architecture.ARM_64, lambda.Architecture.X86_64);
export const badArchitecture: fc.Arbitrary<unknown> = fc.constantFrom<unknown>('arm64', 'x86_64', { name: 'arm64' }, {}, 64, true, ['arm64']);

/**
 * A value of `valid` with exactly one of its keys set to a value of the matching broken
 * generator.
 */
export function breakOne<T extends object>(valid: fc.Arbitrary<T>,
  broken: { [K in keyof T]?: fc.Arbitrary<unknown> }): fc.Arbitrary<{ value: T; broken: Broken }> {
  const keys = Object.keys(broken) as Array<keyof T & string>;
  return fc.tuple(valid, fc.constantFrom(...keys).chain((prop) => broken[prop]!.map((value) => ({ prop, value }))))
    .map(([value, b]) => ({ value: { ...value, [b.prop]: b.value }, broken: b }));
}


export const dashboardOptions = fc.record({ enabled: fc.boolean(), dashboardName }, { requiredKeys: [] });

/** Props of a LatencySensitiveFunction besides `manifestPath`, all valid. */
export const functionProps = fc.record({
  profile,
  memorySize,
  timeout,
  architecture,
  environment,
  logGroupRetention: retention,
  alarms: alarmOptions,
  dashboard: dashboardOptions,
}, { requiredKeys: [] });

/** Valid function props with exactly one prop, or one option inside a prop, broken. */
export const badFunctionProps: fc.Arbitrary<{ props: any; broken: Broken }> = fc.oneof(
  breakOne(functionProps, {
    profile: fc.oneof(wrongType, fc.constant(LatencyProfile)),
    memorySize: badMemorySize,
    timeout: badTimeout,
    architecture: badArchitecture,
    environment: badEnvironment,
    logGroupRetention: badRetention,
  }).map(({ value, broken }) => ({ props: value, broken })),
  nested(fc.oneof(badAlarmOptions, badAlarmThreshold), 'alarms'),
  nested(badAlarmNamePrefix.map((value) => ({ options: { alarmNamePrefix: value }, broken: { prop: 'alarmNamePrefix', value } })), 'alarms'),
  nested(badDashboardName.map((value) => ({ options: { dashboardName: value }, broken: { prop: 'dashboardName', value } })), 'dashboard'),
  fc.tuple(functionProps, fc.constantFrom<unknown>('arn:aws:sns:us-east-1:123456789012:alerts', {}, [{}], ['arn:aws:sns:us-east-1:123456789012:alerts'], [null]))
    .map(([props, value]) => ({ props: { ...props, alarmActions: value }, broken: { prop: 'alarmActions', value } })),
  fc.tuple(functionProps, fc.constantFrom('alarms', 'dashboard', 'rustBuild'), wrongType.filter((v) => typeof v !== 'object' || Array.isArray(v)))
    .map(([props, prop, value]) => ({ props: { ...props, [prop]: value }, broken: { prop, value } })),
  fc.tuple(functionProps, wrongType)
    .map(([props, value]) => ({ props: { ...props, twins: [value] }, broken: { prop: 'twins[0]', value } })),
);

/** Valid function props whose `prop` holds broken options. */
function nested(options: fc.Arbitrary<{ options: object; broken: Broken }>, prop: string): fc.Arbitrary<{ props: any; broken: Broken }> {
  return fc.tuple(functionProps, options).map(([props, o]) => ({
    props: { ...props, [prop]: o.options },
    broken: { prop: `${prop}.${o.broken.prop}`, value: o.broken.value },
  }));
}

/** Props that a created twin copies from its function. */
export const sharedProps = fc.record({ profile, memorySize, timeout, architecture, environment }, { requiredKeys: [] });

export const pythonRuntime = fc.constantFrom(lambda.Runtime.PYTHON_3_9, lambda.Runtime.PYTHON_3_10, lambda.Runtime.PYTHON_3_11,
  lambda.Runtime.PYTHON_3_12, lambda.Runtime.PYTHON_3_13);
export const nodeRuntime = fc.constantFrom(lambda.Runtime.NODEJS_18_X, lambda.Runtime.NODEJS_20_X, lambda.Runtime.NODEJS_22_X);
const handlerName = fc.constantFrom('handler', 'handle', '_main');

/** Broken options of a Python or Node twin, for an arm64 function. */
export const badPythonTwinOptions = breakOne(fc.record({ index: fc.constant('handler.py'), handler: handlerName, runtime: pythonRuntime }, { requiredKeys: ['index'] }), {
  index: fc.oneof(fc.constantFrom('missing.py', '../handler.py', 'handler', 'handler.js', '/handler.py'), wrongType.filter((v) => typeof v !== 'string')),
  handler: fc.oneof(fc.constantFrom('handle-it', '', '1st', 'a.b'), wrongType.filter((v) => typeof v !== 'string')),
  runtime: fc.oneof(fc.constantFrom(lambda.Runtime.NODEJS_22_X, lambda.Runtime.PYTHON_3_7, lambda.Runtime.PROVIDED_AL2023), wrongType),
});
export const badNodeTwinOptions = breakOne(fc.record({ handler: handlerName, runtime: nodeRuntime }, { requiredKeys: [] }), {
  handler: fc.oneof(fc.constantFrom('handle-it', '', '1st', 'a.b'), wrongType.filter((v) => typeof v !== 'string')),
  runtime: fc.oneof(fc.constantFrom(lambda.Runtime.PYTHON_3_13, lambda.Runtime.NODEJS_10_X, lambda.Runtime.PROVIDED_AL2023), wrongType),
});
export const badEntry: fc.Arbitrary<unknown> = fc.oneof(fc.constantFrom('/nonexistent/twin', ''), wrongType.filter((v) => typeof v !== 'string'));

/** Props of ColdStartMetrics besides the function; `logGroup: true` asks for a log group of the test's own. */
export const coldStartMetricsProps = fc.record({ label: fc.string({ minLength: 1, maxLength: 30 }), memorySize, logGroup: fc.boolean() },
  { requiredKeys: [] });
export const badColdStartMetricsProps = fc.oneof(
  fc.record({ prop: fc.constant('memorySize'), value: badMemorySize }),
  fc.record({ prop: fc.constantFrom('lambdaFunction', 'logGroup', 'label'), value: wrongType.filter((v) => typeof v !== 'string') }));

/**
 * Prices of a region, each given or not: GB-seconds from a tenth of a micro-dollar to a
 * milli-dollar (us-east-1's are about 1.3e-5 and 1.7e-5), requests from a cent to a dollar per million.
 */
export const lambdaPrices: fc.Arbitrary<LambdaPrices> = fc.record({
  arm64PerGbSecond: fc.double({ min: 1e-7, max: 1e-3, noNaN: true }),
  x86PerGbSecond: fc.double({ min: 1e-7, max: 1e-3, noNaN: true }),
  perMillionRequests: fc.double({ min: 0.01, max: 1, noNaN: true }),
}, { requiredKeys: [] });

/** A price no region has: below 0, not finite, or not a number. */
export const badPrice: fc.Arbitrary<unknown> = fc.oneof(
  fc.double({ min: -1, max: -Number.MIN_VALUE, noNaN: true }),
  notANumber);

/** Prices with exactly one of them broken. */
export const badLambdaPrices: fc.Arbitrary<{ prices: LambdaPrices; broken: Broken }> = breakOne(lambdaPrices, {
  arm64PerGbSecond: badPrice,
  x86PerGbSecond: badPrice,
  perMillionRequests: badPrice,
}).map(({ value, broken }) => ({ prices: value, broken }));

/** A LambdaCost: us-east-1's, or a region's of the prices above. */
export const lambdaCost: fc.Arbitrary<LambdaCost> = fc.oneof(fc.constant(LambdaCost.US_EAST_1), lambdaPrices.map((p) => new LambdaCost(p)));

/** What LambdaCost takes for a duration: any finite ms from 0, fractions included, up to Lambda's 900 s. */
export const durationMs = fc.oneof(fc.integer({ min: 0, max: 900_000 }), fc.double({ min: 0, max: 900_000, noNaN: true }));
export const badDurationMs: fc.Arbitrary<unknown> = fc.oneof(
  fc.double({ min: -1e6, max: -Number.MIN_VALUE, noNaN: true }),
  notANumber);

/** An invocation as LambdaCost prices it, every optional input given or not. */
export const invocationProfile: fc.Arbitrary<InvocationUsage> = fc.record({
  durationMs,
  memorySize,
  architecture,
  initDurationMs: fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 0, max: 10_000, noNaN: true })),
  coldStartRatePercent: fc.oneof(fc.constantFrom(0, 100), fc.double({ min: 0, max: 100, noNaN: true })),
}, { requiredKeys: ['durationMs', 'memorySize'] });

/** An architecture of the right class that Lambda has no price for. */
const unpricedArchitecture = fc.constantFrom(lambda.Architecture.custom('riscv64'), lambda.Architecture.custom('arm'));

/** An invocation with exactly one input broken (the required ones left out, too). */
export const badInvocationProfile: fc.Arbitrary<{ invocation: InvocationUsage; broken: Broken }> = breakOne(invocationProfile, {
  durationMs: fc.oneof(badDurationMs, fc.constant(undefined)),
  memorySize: fc.oneof(badMemorySize, fc.constant(undefined)),
  architecture: fc.oneof(badArchitecture, unpricedArchitecture),
  initDurationMs: badDurationMs,
  coldStartRatePercent: fc.oneof(
    fc.double({ min: -1e6, max: -Number.MIN_VALUE, noNaN: true }),
    fc.double({ min: 100, max: 1e6, noNaN: true, minExcluded: true }),
    notANumber),
}).map(({ value, broken }) => ({ invocation: value, broken }));

/** Dashboard options as LatencySensitiveFunction takes them, `cost` included. */
export const dashboardOptionsWithCost = fc.record({ enabled: fc.boolean(), dashboardName, cost: lambdaCost }, { requiredKeys: [] });

/** Dashboard options with exactly one option broken; `prop` is relative to the options. */
export const badDashboardOptions: fc.Arbitrary<{ options: any; broken: Broken }> = breakOne(dashboardOptionsWithCost, {
  enabled: fc.oneof(fc.constantFrom<unknown>('false', 'true', 0, 1, 'no'), wrongType.filter((v) => typeof v !== 'boolean')),
  dashboardName: badDashboardName,
  // A LambdaPrices where a LambdaCost belongs is the likely mistake from Python or Java.
  cost: fc.oneof(lambdaPrices.filter((p) => Object.keys(p).length > 0), fc.constant(LambdaCost), wrongType),
}).map(({ value, broken }) => ({ options: value, broken }));
