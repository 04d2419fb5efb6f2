import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TwinBinding } from './twin-binding';
import type { TwinSettings } from '../../twin-options';
import { propError } from '../checks/errors';

/** An existing function, measured but not changed. */
export class ExistingFunctionTwinBinding implements TwinBinding {
  public readonly kind = 'existing';
  public readonly name = 'existing';
  public readonly createdByConstruct = false;
  /** Unknown, and not ours to change: its metrics draw restore lines in case it has SnapStart. */
  public readonly snapStart = false;

  constructor(private readonly fn: lambda.IFunction, public readonly logGroup?: logs.ILogGroup) {}

  public check(): void {
    // Nothing to read from disk: the function is checked when it is bound.
  }

  public bind(_scope: Construct, _id: string, settings: TwinSettings): lambda.IFunction {
    if (this.fn === settings.original) {
      throw propError(`Twin.fromFunction for '${settings.original.node.path}'`, 'fn', 'it is the Rust function itself, which cannot be its own comparison',
        'Pass the Python or Node function that the Rust one replaces');
    }
    return this.fn;
  }
}
