import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { checkLatencyAlarmOptions } from './alarm-option-checks';
import { checkDashboardName } from './dashboard-name';
import { propError } from './errors';
import { checkArchitecture, checkEnvironment, checkLogRetention, checkMemorySize, checkTimeout } from './lambda-limits';
import { checkStruct, durationText, given, shown } from './type-checks';
import type { LatencySensitiveFunctionProps } from '../../function-props';
import { rejectRustSnapStart } from '../twins/snap-start-checks';

/** Lambda's limit on a function's init phase; an init budget above it can never be met. */
const LAMBDA_INIT_LIMIT = Duration.seconds(10);

/**
 * The checks of a LatencySensitiveFunction's props that need neither the public classes nor
 * the disk: plain values, structs, logging and the alarm and dashboard options.
 */
export function checkFunctionProps(owner: string, props: LatencySensitiveFunctionProps): void {
  if (given(props.memorySize)) checkMemorySize(owner, 'memorySize', props.memorySize);
  if (given(props.timeout)) checkTimeout(owner, 'timeout', props.timeout);
  if (given(props.architecture)) checkArchitecture(owner, 'architecture', props.architecture);
  if (given(props.environment)) checkEnvironment(owner, 'environment', props.environment);
  if (given(props.logGroupRetention)) checkLogRetention(owner, 'logGroupRetention', props.logGroupRetention);
  for (const prop of ['alarms', 'dashboard', 'rustBuild'] as const) {
    if (given(props[prop])) checkStruct(owner, prop, props[prop]);
  }
  if (given(props.alarmActions) && !(Array.isArray(props.alarmActions) && props.alarmActions.every((a) => typeof a?.bind === 'function'))) {
    throw propError(owner, 'alarmActions', `must be an array of alarm actions, got ${shown(props.alarmActions)}`, 'Use e.g. [new SnsAction(topic)]');
  }
  checkNoFightingProps(owner, props as unknown as { [prop: string]: unknown });
  rejectRustSnapStart(owner, (props as { snapStart?: unknown }).snapStart);
  if (props.systemLogLevelV2 !== undefined && ![lambda.SystemLogLevel.DEBUG, lambda.SystemLogLevel.INFO].includes(props.systemLogLevelV2)) {
    throw propError(owner, 'systemLogLevelV2', `${props.systemLogLevelV2} drops the INFO-level platform.report records that cold starts are measured from`,
      'Use SystemLogLevel.INFO or DEBUG, or leave it out');
  }
  if (props.alarms) checkLatencyAlarmOptions(owner, 'alarms.', props.alarms);
  if (given(props.dashboard?.dashboardName)) checkDashboardName(owner, 'dashboard.dashboardName', props.dashboard.dashboardName);
  if (given(props.dashboard?.enabled) && typeof props.dashboard.enabled !== 'boolean') {
    throw propError(owner, 'dashboard.enabled', `must be true or false, got ${shown(props.dashboard.enabled)}`, 'Pass false to switch the dashboard off, or leave it out');
  }
}

/**
 * lambda.FunctionOptions props that the struct leaves out because they fight the construct:
 * a JavaScript caller (or an old app) may still pass them, and must hear why.
 */
const FIGHTING_PROPS: { [prop: string]: [problem: string, fix: string] } = {
  loggingFormat: ['the function logs JSON so that its platform.report records can be measured', 'Leave loggingFormat out (JSON is the default here)'],
  logFormat: ['the function logs JSON so that its platform.report records can be measured', 'Leave logFormat out (JSON is the default here)'],
  logRetention: ['it creates a custom resource to manage a log group, and this function already has its own log group', 'Use logGroupRetention instead'],
  logRetentionRole: ['the function\'s log group is the construct\'s, not one a custom resource manages', 'Leave it out; use logGroupRetention'],
  logRetentionRetryOptions: ['the function\'s log group is the construct\'s, not one a custom resource manages', 'Leave it out; use logGroupRetention'],
  logRemovalPolicy: ['the function\'s log group is the construct\'s, not one a custom resource manages', 'Pass your own logGroup with the removal policy you want'],
  systemLogLevel: ['it is the deprecated string form', 'Use systemLogLevelV2'],
  applicationLogLevel: ['it is the deprecated string form', 'Use applicationLogLevelV2'],
};

function checkNoFightingProps(owner: string, props: { [prop: string]: unknown }): void {
  for (const [prop, [problem, fix]] of Object.entries(FIGHTING_PROPS)) {
    if (props[prop] === undefined || props[prop] === null) continue;
    // JSON logging asked for explicitly agrees with the construct.
    if ((prop === 'loggingFormat' && props[prop] === lambda.LoggingFormat.JSON) || (prop === 'logFormat' && props[prop] === 'JSON')) continue;
    throw propError(owner, prop, problem, fix);
  }
}

/** A budget, where it comes from: the prop that set it, for the error message. */
export interface Budget {
  readonly value: Duration;
  readonly prop: string;
}

/**
 * Budgets the function can meet: a warm-latency alarm at or above the timeout never fires
 * (the invocation times out first), and an init budget above Lambda's init limit is no budget.
 */
export function checkBudgetsCanBeMet(owner: string, warm: Budget, cold: Budget, timeout: Budget): void {
  const ms = (d: Duration) => d.toMilliseconds({ integral: false });
  if (!warm.value.isUnresolved() && !timeout.value.isUnresolved() && ms(warm.value) >= ms(timeout.value)) {
    throw propError(owner, warm.prop, `${durationText(warm.value)} is not below ${timeout.prop} (${durationText(timeout.value)}): an invocation times out before its alarm could fire`,
      `Lower ${warm.prop}, or raise ${timeout.prop} above it`);
  }
  if (!cold.value.isUnresolved() && ms(cold.value) > ms(LAMBDA_INIT_LIMIT)) {
    throw propError(owner, cold.prop, `${durationText(cold.value)} is above Lambda's 10 s limit on the init phase, so no cold start can exceed it`,
      `Give ${cold.prop} 10 seconds or less`);
  }
}
