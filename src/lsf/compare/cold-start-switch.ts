import { setTimeout as sleep } from 'node:timers/promises';
import { FunctionConfiguration, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { BackoffPolicy, withBackoff } from './backoff';
import { readConfiguration } from './function-facts';
import { RunFailure } from '../errors';

/** The variable whose value changes to force a cold start: a harmless one of our own. */
export const COLD_START_VARIABLE = 'LSF_COLD_START';

/** How the switch talks to Lambda. */
export interface SwitchOptions {
  readonly region: string;
  readonly backoff: BackoffPolicy;
  /** Between two reads of LastUpdateStatus, in ms. */
  readonly pollMs: number;
  /** Longest wait for an update to finish, in ms. */
  readonly updateTimeoutMs: number;
  readonly onRetry: (errorName: string) => void;
  readonly log: (line: string) => void;
}

/**
 * Forces cold starts by changing one environment variable (every execution environment of the
 * old configuration is retired) and puts each function's variables back as they were.
 */
export class ColdStartSwitch {
  private readonly originals = new Map<string, Record<string, string>>();
  /** Functions whose configuration this switch has changed (or tried to): the ones to restore. */
  private readonly changed = new Set<string>();
  private flips = 0;

  constructor(private readonly lambda: LambdaClient, private readonly options: SwitchOptions) {}

  /** Remembers a function's variables before the first change; call before flip(). */
  public async remember(name: string): Promise<void> {
    const config = await this.waitForUpdate(name);
    const variables = { ...config.Environment?.Variables };
    if (COLD_START_VARIABLE in variables) {
      this.options.log(`${name} still has ${COLD_START_VARIABLE} from an interrupted run; it will be removed at the end.`);
      delete variables[COLD_START_VARIABLE];
    }
    this.originals.set(name, variables);
  }

  /** Changes the variable on every function and waits until all updates are done. */
  public async flip(names: readonly string[]): Promise<void> {
    const value = `${Date.now()}-${++this.flips}`;
    names.forEach((name) => this.changed.add(name));
    await Promise.all(names.map((name) => this.update(name, { ...this.original(name), [COLD_START_VARIABLE]: value })));
  }

  /** Puts back the variables of every function it changed; tries all, then reports what failed. */
  public async restore(): Promise<void> {
    const failures: string[] = [];
    for (const name of this.changed) {
      try {
        await this.update(name, this.original(name));
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0) {
      throw new RunFailure(`Could not restore the environment of ${failures.join('; ')}. `
        + `Remove the variable ${COLD_START_VARIABLE} from these functions in the console or with aws lambda update-function-configuration.`);
    }
  }

  private original(name: string): Record<string, string> {
    const variables = this.originals.get(name);
    if (!variables) throw new Error(`ColdStartSwitch: remember("${name}") first`);
    return variables;
  }

  private async update(name: string, variables: Record<string, string>): Promise<void> {
    await withBackoff(`Updating ${name}`, () => this.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Environment: { Variables: variables } })),
      this.options.backoff, this.options.onRetry);
    await this.waitForUpdate(name);
  }

  /** Waits until LastUpdateStatus is no longer InProgress; returns the configuration it then has. */
  private async waitForUpdate(name: string): Promise<FunctionConfiguration> {
    const deadline = Date.now() + this.options.updateTimeoutMs;
    for (;;) {
      const config = await withBackoff(`Reading ${name}`, () => readConfiguration(this.lambda, name, this.options.region), this.options.backoff, this.options.onRetry);
      if (config.LastUpdateStatus === 'Failed') {
        throw new RunFailure(`The last update of ${name} failed: ${config.LastUpdateStatusReason ?? 'no reason given'}.`);
      }
      if (config.LastUpdateStatus !== 'InProgress') return config;
      if (Date.now() > deadline) {
        throw new RunFailure(`${name} was still updating after ${this.options.updateTimeoutMs} ms.`);
      }
      await sleep(this.options.pollMs);
    }
  }
}
