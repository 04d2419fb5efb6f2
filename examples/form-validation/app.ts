/**
 * The seed article's "validation on form submission", deployed the latency-sensitive way:
 * the Rust validator as a LatencySensitiveFunction (arm64, profile USER_FACING_VALIDATION,
 * cold-start metrics and alarms).
 *
 *   npx cdk synth      (from this folder; builds the arm64 bootstrap without Docker)
 */
import * as path from 'node:path';
import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
// In your own app: from 'cdk-latency-sensitive-function'.
import { LatencyProfile, LatencySensitiveFunction } from '../../src';

class FormValidationStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const validate = new LatencySensitiveFunction(this, 'ValidateSignup', {
      manifestPath: path.join(__dirname, 'rust', 'Cargo.toml'),
      profile: LatencyProfile.USER_FACING_VALIDATION,
    });

    new CfnOutput(this, 'FunctionName', { value: validate.functionName, description: 'The Rust validator' });
  }
}

const app = new App();
new FormValidationStack(app, 'FormValidation');
