/**
 * One synth of an app with N LatencySensitiveFunctions built from one Cargo workspace, as
 * `cdk synth` runs it. The workspace benchmark spawns it so that every synth is a fresh process.
 *
 *   workspace-app.ts <workspaceDir> <outdir> <functions>
 *
 * Function i deploys the workspace binary `handler-i`. Prints one JSON line:
 * `{ "synthMs": n, "constructMs": [..], "assetDirs": [..] }`; constructMs[i] is function i+1's
 * construction, which is where its asset is staged and built.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { LatencySensitiveFunction } from '../src';

const [workspaceDir, outdir, countArg] = process.argv.slice(2);
const count = Number(countArg);

const start = performance.now();
const app = new App({ outdir });
const stack = new Stack(app, 'Workspace');
const constructMs: number[] = [];
for (let i = 1; i <= count; i++) {
  const constructStart = performance.now();
  // The defaults a platform team would use: no --package, so Cargo unifies features across the
  // workspace (all handlers share the same deps and features here anyway).
  new LatencySensitiveFunction(stack, `Handler${i}`, { manifestPath: workspaceDir, binaryName: `handler-${i}` });
  constructMs.push(performance.now() - constructStart);
}
app.synth();
const synthMs = performance.now() - start;
const assetDirs = fs.readdirSync(outdir).filter((name) => name.startsWith('asset.'));
process.stdout.write(`${JSON.stringify({ synthMs, constructMs, assetDirs })}\n`);
