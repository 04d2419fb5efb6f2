import { Size } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { TwinSettings } from '../../twin-options';

/** One kind of twin: how it is checked, created and named. `Twin` holds one of these. */
export interface TwinBinding {
  readonly kind: 'python' | 'node' | 'existing';
  readonly name: string;
  /** Whether the construct creates the twin (and so sizes, tags and describes it). */
  readonly createdByConstruct: boolean;
  /** Whether the twin runs with SnapStart, measured through an alias. */
  readonly snapStart: boolean;
  /** The log group of an existing function's `platform.report` records, when given. */
  readonly logGroup?: logs.ILogGroup;
  /**
   * Every check of the options that needs no construct: run before the Rust build starts.
   * @param owner how errors name this twin
   * @param ephemeralStorageSize the function's, which a created twin copies
   * @param bundlingRequired whether this synth bundles the stack's assets
   */
  check(owner: string, architecture: lambda.Architecture, ephemeralStorageSize: Size | undefined, bundlingRequired: boolean): void;
  /** Creates (or returns) the twin function in `scope`. */
  bind(scope: Construct, id: string, settings: TwinSettings): lambda.IFunction;
}
