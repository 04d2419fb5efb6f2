import { LaunchCommand } from './runtime-process';
import { RuntimeRole, RuntimeVersion } from '../../report/runtime-summary';


/** One prepared runtime, ready to spawn. */
export interface RuntimeSpec {
  /** Short name used in tables and JSON: `rust`, `python`, `node`, `floor`, `rust-arm64`. */
  readonly name: string;
  /** How it runs, for humans: `Rust bootstrap (x86_64 host build)`. */
  readonly description: string;
  readonly role: RuntimeRole;
  /** AWS_LAMBDA_RUNTIME_API is added per run. */
  readonly launch: LaunchCommand;
  /** Unzipped size of what would be deployed, in bytes. */
  readonly packageBytes?: number;
  /** For a twin: the version it deploys on and the one that runs here. */
  readonly runtimeVersion?: RuntimeVersion;
  /** The Lambda memory size it runs as (AWS_LAMBDA_FUNCTION_MEMORY_SIZE). */
  readonly memorySize?: number;
  /** The CPU share that memory buys, in vCPUs: applied when the run has a CPU placement. */
  readonly vcpus?: number;
}

/** The Lambda variables every runtime gets, and nothing of the caller's environment. */
export function lambdaEnvironment(options: {
  functionName: string;
  memorySize: number;
  handler: string;
  taskRoot: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TZ: ':UTC',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${options.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: 'lsf-bench',
    _HANDLER: options.handler,
    LAMBDA_TASK_ROOT: options.taskRoot,
    ...options.extra,
  };
}
