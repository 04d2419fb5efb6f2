import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';

/** Rust fixture projects used across the tests. */
export const FIXTURES = {
  hello: path.join(__dirname, 'fixtures', 'rust-hello'),
  workspace: path.join(__dirname, 'fixtures', 'rust-workspace'),
  multiBin: path.join(__dirname, 'fixtures', 'rust-multi-bin'),
};

/** A stack whose asset bundling is skipped: template tests never build Rust. */
export function stackWithoutBundling(): Stack {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return new Stack(app, 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
}
