import { Size } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { propError } from './private/checks/errors';
import { given, isConstructWith, shown } from './private/checks/type-checks';
import { ExistingFunctionTwinBinding } from './private/twins/existing-function-twin';
import { NodeTwinBinding } from './private/twins/node-twin';
import { PythonTwinBinding } from './private/twins/python-twin';
import { TwinBinding } from './private/twins/twin-binding';
import { NodeTwinOptions, PythonTwinOptions, TwinSettings } from './twin-options';

/**
 * A comparison twin of a LatencySensitiveFunction: the same handler written the old way,
 * deployed beside it and measured by the same pipeline. A function can have several (a
 * Python and a Node twin, say), each with its own name.
 */
export class Twin {
  /** A Python handler folder, bundled without Docker by pip for Lambda's platform. */
  public static python(options: PythonTwinOptions): Twin {
    requireOptions('Twin.python', options, '{ entry, index }');
    return new Twin(new PythonTwinBinding(options));
  }

  /** A TypeScript or JavaScript handler, bundled with esbuild through `NodejsFunction`. */
  public static node(options: NodeTwinOptions): Twin {
    requireOptions('Twin.node', options, '{ entry }');
    return new Twin(new NodeTwinBinding(options));
  }

  /**
   * An existing function, measured but not changed. It must log JSON. Its name is 'existing'.
   *
   * @param fn the function the Rust one replaces
   * @param logGroup its log group; needed when `fn` is imported rather than defined in this app
   */
  public static fromFunction(fn: lambda.IFunction, logGroup?: logs.ILogGroup): Twin {
    if (!isConstructWith(fn, 'functionArn')) {
      throw propError('Twin.fromFunction', 'fn', `must be a lambda.IFunction, got ${shown(fn)}`, 'Pass the Python or Node function that the Rust one replaces');
    }
    if (given(logGroup) && !isConstructWith(logGroup, 'logGroupArn')) {
      throw propError('Twin.fromFunction', 'logGroup', `must be a logs.ILogGroup, got ${shown(logGroup)}`, 'Pass the function\'s log group, or leave it out');
    }
    return new Twin(new ExistingFunctionTwinBinding(fn, logGroup));
  }

  /** The twin's name: its dashboard column, its report column, and `lsf compare --twin`. */
  public readonly name: string;

  /** The runtime family: 'python', 'node' or 'existing'. */
  public readonly kind: string;

  /** Whether the twin is created by the construct (and so sized, tagged and described by it). */
  public readonly createdByConstruct: boolean;

  /**
   * Whether the construct deploys the twin with SnapStart (`Twin.python({ snapStart: true })`),
   * measured and invoked through its alias. False for an existing function, whatever its
   * configuration: the construct does not change it.
   */
  public readonly snapStart: boolean;

  /**
   * The log group that the twin's `platform.report` records go to.
   *
   * @default - the twin function's own log group
   */
  public readonly logGroup?: logs.ILogGroup;

  private constructor(private readonly binding: TwinBinding) {
    this.name = binding.name;
    this.kind = binding.kind;
    this.createdByConstruct = binding.createdByConstruct;
    this.snapStart = binding.snapStart;
    this.logGroup = binding.logGroup;
  }

  /**
   * Checks the options against the function's architecture, reading the handler's files:
   * called before the Rust function is built, so that a typo fails fast.
   *
   * @param owner how errors name the twin, e.g. "Twin.python for 'App/Stack/Fn'"
   * @param architecture the function's architecture, which a created twin copies
   * @param ephemeralStorageSize the function's ephemeral storage, which a created twin copies
   * @param bundlingRequired whether the stack's assets are bundled in this synth (`Stack.bundlingRequired`): prerequisites of a build only it needs are checked then
   */
  public check(owner: string, architecture: lambda.Architecture, ephemeralStorageSize?: Size, bundlingRequired?: boolean): void {
    this.binding.check(owner, architecture, ephemeralStorageSize, bundlingRequired ?? true);
  }

  /**
   * Creates (or returns) the twin function in `scope`.
   *
   * @param scope where a created twin goes: the function it shadows
   * @param id the twin's construct ID
   * @param settings what the twin copies from the function, so that the two run on equal terms
   */
  public bind(scope: Construct, id: string, settings: TwinSettings): lambda.IFunction {
    return this.binding.bind(scope, id, settings);
  }
}

function requireOptions(owner: string, options: object | undefined, example: string): void {
  if (options === undefined || options === null) {
    throw propError(owner, 'options', 'they are required', `Pass at least ${example}`);
  }
}
