import { setTimeout as sleep } from 'node:timers/promises';
import { DeleteFunctionCommand, GetAliasCommand, GetFunctionConfigurationCommand, LambdaClient, PublishVersionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { withBackoff } from './backoff';
import { SwitchOptions } from './cold-start-switch';
import { RunFailure } from '../errors';

/** What each version this run publishes says it is, so that one left behind is recognised. */
export const PUBLISHED_BY_LSF = 'lsf compare: a forced SnapStart cold start, deleted at the end of the run';

/**
 * Forces cold starts of a SnapStart twin. Its $LATEST never restores from a snapshot: only a
 * published version does ("You can use SnapStart only on published function versions and
 * aliases that point to versions", https://docs.aws.amazon.com/lambda/latest/dg/snapstart.html),
 * and a version's first environment is a restore. So each forced cold start publishes a new
 * version of the changed configuration (ColdStartSwitch has just changed a variable: "Lambda
 * doesn't publish a version if the function's configuration and code haven't changed since the
 * last version", https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html), waits
 * until it is Active (its init and snapshot done) and points the alias at it. At the end the
 * alias goes back to its version and every version published here is deleted.
 */
export class SnapStartVersions {
  private original?: { readonly name: string; readonly alias: string; readonly version: string };
  private readonly published: string[] = [];

  constructor(private readonly lambda: LambdaClient, private readonly options: SwitchOptions) {}

  /** Remembers the version the alias points at; call before publish(). */
  public async remember(name: string, alias: string): Promise<void> {
    const found = await this.call(`Reading alias ${alias} of ${name}`, () => this.lambda.send(new GetAliasCommand({ FunctionName: name, Name: alias })));
    this.original = { name, alias, version: found.FunctionVersion! };
  }

  /** Publishes $LATEST as it is now, waits until the version is Active, and points the alias at it. */
  public async publish(): Promise<void> {
    const { name, alias } = this.remembered();
    const published = await this.call(`Publishing a version of ${name}`,
      () => this.lambda.send(new PublishVersionCommand({ FunctionName: name, Description: PUBLISHED_BY_LSF })));
    const version = published.Version!;
    // Said before the wait: an interrupted wait still leaves a version to delete.
    if (!this.published.includes(version)) this.published.push(version);
    await this.waitUntilActive(name, version, published.State);
    await this.call(`Pointing alias ${alias} of ${name} at version ${version}`,
      () => this.lambda.send(new UpdateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version })));
  }

  /** Points the alias back and deletes the published versions; tries all, then reports what failed. */
  public async restore(): Promise<void> {
    if (!this.original) return;
    const { name, alias, version } = this.original;
    const failures: string[] = [];
    try {
      await this.call(`Pointing alias ${alias} of ${name} back at version ${version}`,
        () => this.lambda.send(new UpdateAliasCommand({ FunctionName: name, Name: alias, FunctionVersion: version })));
    } catch (error) {
      failures.push(`alias ${alias} (point it back at version ${version}): ${(error as Error).message}`);
    }
    for (const published of [...this.published]) {
      // A version the alias still points at cannot be deleted: kept when the alias could not move.
      if (failures.length > 0) break;
      try {
        await this.call(`Deleting version ${published} of ${name}`, () => this.lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: published })));
        this.published.splice(this.published.indexOf(published), 1);
      } catch (error) {
        failures.push(`version ${published}: ${(error as Error).message}`);
      }
    }
    if (failures.length > 0 || this.published.length > 0) {
      const left = this.published.length > 0 ? ` Versions left to delete: ${this.published.join(', ')} (described "${PUBLISHED_BY_LSF}").` : '';
      throw new RunFailure(`Could not restore the SnapStart twin ${name}: ${failures.join('; ')}.${left} `
        + `Fix it by hand: aws lambda update-alias --function-name ${name} --name ${alias} --function-version ${version}, `
        + `then aws lambda delete-function --function-name ${name} --qualifier <version> for each version left.`);
    }
  }

  private remembered(): { readonly name: string; readonly alias: string; readonly version: string } {
    if (!this.original) throw new Error('SnapStartVersions: remember() first');
    return this.original;
  }

  /** SnapStart runs the init and takes the snapshot while the version is Pending. */
  private async waitUntilActive(name: string, version: string, state: string | undefined): Promise<void> {
    const deadline = Date.now() + this.options.updateTimeoutMs;
    let current = state;
    while (current !== 'Active') {
      if (current === 'Failed') throw new RunFailure(`Version ${version} of ${name} failed to become active (SnapStart could not initialize and snapshot it).`);
      if (Date.now() > deadline) throw new RunFailure(`Version ${version} of ${name} was still ${current} after ${this.options.updateTimeoutMs} ms.`);
      await sleep(this.options.pollMs);
      const config = await this.call(`Reading version ${version} of ${name}`,
        () => this.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: version })));
      current = config.State;
    }
  }

  private call<T>(what: string, send: () => Promise<T>): Promise<T> {
    return withBackoff(what, send, this.options.backoff, this.options.onRetry);
  }
}
