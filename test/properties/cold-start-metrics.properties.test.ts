import * as logs from 'aws-cdk-lib/aws-logs';
import * as fc from 'fast-check';
import { badColdStartMetricsProps, coldStartMetricsProps, memorySize } from './arbitraries';
import { expectPropError, PROPERTY_TIMEOUT_MS, runs } from './settings';
import { ColdStartMetrics } from '../../src';
import { jsonLoggingFunction, stackWithoutBundling } from '../fixtures';

/** A JSON-logging function with its own log group, alone in a stack. */
function watchedFunction(memory: number | undefined) {
  const stack = stackWithoutBundling();
  const fn = jsonLoggingFunction(stack, 'Legacy', { logGroup: new logs.LogGroup(stack, 'FunctionLogs'), memorySize: memory });
  return { stack, fn };
}

describe('ColdStartMetrics properties', () => {
  test('three filters on the given (or the function\'s) log group, in the function\'s namespace, with the documented patterns', () => {
    fc.assert(fc.property(coldStartMetricsProps, fc.option(memorySize, { nil: undefined }), (props, fnMemory) => {
      const { stack, fn } = watchedFunction(fnMemory);
      const logGroup = props.logGroup ? new logs.LogGroup(stack, 'Given') : undefined;
      const metrics = new ColdStartMetrics(stack, 'Metrics', { ...props, lambdaFunction: fn, logGroup });
      expect(metrics.logGroup).toBe(logGroup ?? fn.logGroup);
      expect(metrics.label).toBe(props.label ?? 'Legacy');
      expect(metrics.memorySize).toBe(props.memorySize ?? fnMemory ?? 128);
      const filters = [metrics.initDurationFilter, metrics.coldStartsFilter, metrics.maxMemoryUsedFilter]
        .map((f) => stack.resolve((f.node.defaultChild as logs.CfnMetricFilter)._toCloudFormation()).Resources);
      const properties = filters.map((r) => (Object.values(r)[0] as any).Properties);
      expect(properties.map((p) => [p.FilterPattern, p.MetricTransformations[0].MetricName, p.MetricTransformations[0].MetricValue])).toEqual([
        [ColdStartMetrics.COLD_START_REPORT_PATTERN, 'InitDuration', '$.record.metrics.initDurationMs'],
        [ColdStartMetrics.COLD_START_REPORT_PATTERN, 'ColdStarts', '1'],
        [ColdStartMetrics.REPORT_PATTERN, 'MaxMemoryUsed', '$.record.metrics.maxMemoryUsedMB'],
      ]);
      for (const p of properties) {
        expect(p.LogGroupName).toEqual(stack.resolve(metrics.logGroup.logGroupName));
        expect(p.MetricTransformations[0].MetricNamespace).toEqual({ 'Fn::Join': ['', ['ColdStartMetrics/', stack.resolve(fn.functionName)]] });
      }
    }), runs(300));
  }, PROPERTY_TIMEOUT_MS);

  test('a broken prop is our error naming it', () => {
    fc.assert(fc.property(badColdStartMetricsProps, ({ prop, value }) => {
      const { stack, fn } = watchedFunction(undefined);
      expectPropError(() => new ColdStartMetrics(stack, 'Metrics', { lambdaFunction: fn, [prop]: value } as any), /ColdStartMetrics 'Test\/Metrics'/, prop);
    }), runs(300));
  }, PROPERTY_TIMEOUT_MS);
});
