import * as path from 'node:path';
import { App } from 'aws-cdk-lib';

/**
 * Builds, venvs and runtime clients of every lsf bench test, shared (and git-ignored), so that
 * the slow first installs (aws-lambda-ric compiles native code) happen once per checkout.
 */
export const TEST_CACHE = path.join(__dirname, '..', '..', '..', '.test-cache');

/** Synthesizes an app into `outdir` without bundling (lsf bench builds what it runs) and returns the assembly. */
export function synthApp(outdir: string, build: (app: App) => void): string {
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  build(app);
  return app.synth().directory;
}
