/**
 * One synth, as `cdk synth` runs it, timed from inside the process. The synth benchmark
 * spawns it so that every measurement starts from a fresh process.
 *
 *   synth-app.ts <lsf|lsf-no-watch|rust-function> <manifestPath> <outdir> <skip-bundling|build> [iterations]
 *
 * `lsf` is the construct with its defaults (metric filters, five alarms, a dashboard);
 * `lsf-no-watch` switches the alarms and the dashboard off, leaving the build and the metric filters.
 *
 * Prints one JSON line: `{ "synthMs": [..], "assetDirs": [..] }`.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { App, AssetStaging, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { RustFunction } from 'cargo-lambda-cdk';
import { LatencySensitiveFunction } from '../src';

const [kind, manifestPath, outdir, bundlingMode, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg ?? '1');

function synthOnce(): number {
  AssetStaging.clearAssetHashCache();
  const start = performance.now();
  const context = bundlingMode === 'skip-bundling' ? { 'aws:cdk:bundling-stacks': [] } : {};
  const app = new App({ outdir, context });
  const stack = new Stack(app, 'Bench');
  if (kind === 'lsf') {
    new LatencySensitiveFunction(stack, 'Fn', { manifestPath });
  } else if (kind === 'lsf-no-watch') {
    const off = { enabled: false };
    new LatencySensitiveFunction(stack, 'Fn', {
      manifestPath,
      alarms: { coldStartInit: off, coldStartRate: off, warmLatency: off, errors: off, throttles: off },
      dashboard: off,
    });
  } else {
    new RustFunction(stack, 'Fn', { manifestPath, architecture: lambda.Architecture.ARM_64 });
  }
  app.synth();
  return performance.now() - start;
}

const synthMs = Array.from({ length: iterations }, synthOnce);
const assetDirs = fs.readdirSync(outdir).filter((name) => name.startsWith('asset.'));
process.stdout.write(`${JSON.stringify({ synthMs, assetDirs })}\n`);
