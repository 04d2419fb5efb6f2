import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as fc from 'fast-check';
import { architecture, badDashboardOptions, dashboardOptionsWithCost, memorySize } from './arbitraries';
import { expectPropError, PROPERTY_TIMEOUT_MS, runs } from './settings';
import { synthFunction } from './synth';
import { LambdaCost, LatencyProfile } from '../../src';

/** The dashboard body as JSON, each `Ref` written as `<<LogicalId>>`. */
function dashboardBody(resource: any): any {
  const body = resource.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part: any) => (typeof part === 'string' ? part : `<<${part.Ref}>>`)).join('');
  return JSON.parse(text);
}

/** USD per ms of billed duration, for a million invocations, and USD per million requests, as the cost graph's expression holds them. */
const COST_EXPRESSION = /^\(duration \+ FILL\(initTotal, 0\) \/ invocations\) \* (\d+(?:\.\d+)?) \+ (\d+(?:\.\d+)?)$/;

describe('LatencyDashboardOptions properties', () => {
  test('valid options synthesize: a dashboard unless switched off, with its name, and the cost graph priced with `cost`', () => {
    fc.assert(fc.property(dashboardOptionsWithCost, fc.option(memorySize, { nil: undefined }), fc.option(architecture, { nil: undefined }),
      (dashboard, memory, arch) => {
        const s = synthFunction({ dashboard, memorySize: memory, architecture: arch });
        const dashboards = Object.values(s.template.findResources('AWS::CloudWatch::Dashboard'));
        expect(dashboards).toHaveLength(dashboard.enabled === false ? 0 : 1);
        expect(s.fn.latencyDashboard === undefined).toBe(dashboard.enabled === false);
        if (dashboard.enabled === false) return;
        expect(dashboards[0].Properties.DashboardName).toBe(dashboard.dashboardName);

        const size = memory ?? LatencyProfile.USER_FACING_VALIDATION.memorySize;
        const arch_ = arch ?? lambda.Architecture.ARM_64;
        const cost = dashboard.cost ?? LambdaCost.US_EAST_1;
        const graph = dashboardBody(dashboards[0]).widgets
          .find((w: any) => w.properties.title === `Fn: estimated USD per million invocations (${size} MB, ${arch_.name})`);
        const [, usdPerMs, requests] = COST_EXPRESSION.exec(graph.properties.metrics[0][0].expression) ?? [];
        // The expression writes plain decimals to 12 places: equal to them, within half a unit of the last.
        const expectedUsdPerMs = (size / 1024) * cost.pricePerGbSecond(arch_) * 1000;
        expect(Math.abs(Number(usdPerMs) - expectedUsdPerMs)).toBeLessThanOrEqual(5e-13 + 1e-15 * expectedUsdPerMs);
        expect(Math.abs(Number(requests) - cost.perMillionRequests)).toBeLessThanOrEqual(5e-13);
      }), runs(100));
  }, PROPERTY_TIMEOUT_MS);

  test('a broken dashboard name is our error naming `dashboard.dashboardName`', () => {
    fc.assert(fc.property(badDashboardOptions.filter(({ broken }) => broken.prop === 'dashboardName'), ({ options, broken }) => {
      expectPropError(() => synthFunction({ dashboard: options }), /LatencySensitiveFunction 'Test\/Fn'/, `dashboard.${broken.prop}`);
    }), runs(100));
  }, PROPERTY_TIMEOUT_MS);

  // Found by this property and fixed: `dashboard.enabled: 'false'` made a dashboard, and a cost
  // that is not a LambdaCost was a TypeError (cost.pricePerGbSecond is not a function).
  test.each(['enabled', 'cost'])('a broken `dashboard.%s` is our error naming it, never a TypeError or a dashboard made anyway', (prop) => {
    fc.assert(fc.property(badDashboardOptions.filter(({ broken }) => broken.prop === prop), ({ options, broken }) => {
      expectPropError(() => synthFunction({ dashboard: options }), /LatencySensitiveFunction 'Test\/Fn'/, `dashboard.${broken.prop}`);
    }), runs(100));
  }, PROPERTY_TIMEOUT_MS);
});
