/**
 * The seed article's "validation on form submission", deployed the latency-sensitive way:
 * the Rust validator as a LatencySensitiveFunction (arm64, profile USER_FACING_VALIDATION,
 * cold-start metrics, alarms and a dashboard), with two twins of the same contract to
 * measure it against: pydantic and zod.
 *
 *   npx cdk synth                        (from this folder; builds the arm64 bootstrap and the twins without Docker)
 *   npx lsf bench --cases cases.jsonl    (then: the Rust validator against both twins, on this machine)
 *   npx lsf compare --stack FormValidation --cases cases.jsonl   (after cdk deploy: the same on Lambda)
 *
 *   npx cdk deploy -c snapStart=true     (adds a third twin: the pydantic one with SnapStart, the fair
 *                                         opponent; lsf compare then measures its restores too)
 *
 * SnapStart is a flag, not a third twin by default: its published version is initialized and
 * snapshotted on every deployment that changes the twin (a slower deploy), and Lambda bills its
 * snapshot cache for as long as the version is active, whether or not anyone measures it.
 */
import * as path from 'node:path';
import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
// In your own app: from 'cdk-latency-sensitive-function'.
import { LatencyProfile, LatencySensitiveFunction, Twin } from '../../src';


/** What varies between the example's deployments. */
export interface FormValidationOptions {
  /** A third twin, the Python one with SnapStart (`-c snapStart=true`). */
  readonly snapStart?: boolean;
}

class FormValidationStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & FormValidationOptions = {}) {
    super(scope, id, props);
    const python = { entry: path.join(__dirname, 'twin-python'), index: 'handler.py' };

    const validate = new LatencySensitiveFunction(this, 'ValidateSignup', {
      manifestPath: path.join(__dirname, 'rust', 'Cargo.toml'),
      profile: LatencyProfile.USER_FACING_VALIDATION,
      // Both ports of the same handler, each deployed beside the Rust one on equal terms.
      twins: [
        Twin.python(python),
        Twin.node({ entry: path.join(__dirname, 'twin-node', 'handler.ts') }),
        // Python 3.13 (the default runtime) has SnapStart; the published version and its alias
        // 'measured' are what lsf compare invokes.
        ...(props.snapStart ? [Twin.python({ ...python, snapStart: true, name: 'python-snapstart' })] : []),
      ],
    });

    // cdk-nag (AwsSolutions-L1) asks for the newest runtime of each family; the twin keeps the
    // runtime it is measured on, and is left out in production.
    for (const twin of validate.twins) {
      Validations.of(twin.lambdaFunction).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'Comparison twin, not the production path: it runs the supported Python 3.13 or Node.js 22 runtime that the Rust function is benchmarked against, and is removed before production.',
      });
    }
  }
}

/**
 * The example's stack; exported for the tests that scan and re-synthesize it. Without options,
 * the `snapStart` context flag decides (`cdk synth -c snapStart=true`).
 */
export function addFormValidationStacks(app: App, options: FormValidationOptions = {}, id = 'FormValidation'): Stack[] {
  const flag = app.node.tryGetContext('snapStart');
  const snapStart = options.snapStart ?? (flag === true || flag === 'true');
  return [new FormValidationStack(app, id, { snapStart })];
}

if (require.main === module) {
  addFormValidationStacks(new App());
}
