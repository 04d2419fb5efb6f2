import { randomUUID } from 'node:crypto';
import { FunctionConfiguration, FunctionSettings, functionArn } from './function-configuration';
import { LambdaError } from './lambda-error';

/**
 * Published versions and aliases of one function, as the Lambda API keeps them: PublishVersion,
 * GetAlias, UpdateAlias, DeleteFunction with a Qualifier, and the qualifier of an Invoke or a
 * GetFunctionConfiguration. Kept apart from the rest of LocalLambdaApi so that the loopback
 * API grows by files, not by edits to one.
 */

/** One published version: the settings of $LATEST when it was published, frozen. */
export interface PublishedVersion {
  readonly number: string;
  readonly settings: FunctionSettings;
  /** Pending while a SnapStart version is initialized and snapshotted, then Active. */
  state: 'Pending' | 'Active';
  readonly revisionId: string;
  readonly description: string;
}

/** An alias and the version it points at. */
interface AliasRecord {
  version: string;
  revisionId: string;
}

/** The AliasConfiguration document of the Lambda API. */
export interface AliasConfiguration {
  readonly AliasArn: string;
  readonly Name: string;
  readonly FunctionVersion: string;
  readonly Description: string;
  readonly RevisionId: string;
}

/** A route of the versions-and-aliases operations, when the request is one. */
export type VersionOperation =
  | { readonly operation: 'PublishVersion'; readonly functionName: string }
  | { readonly operation: 'GetAlias' | 'UpdateAlias'; readonly functionName: string; readonly alias: string }
  | { readonly operation: 'DeleteFunction'; readonly functionName: string; readonly qualifier?: string };

const VERSIONS = /^\/2015-03-31\/functions\/([^/]+)\/versions$/;
const ALIAS = /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/;
const FUNCTION = /^\/2015-03-31\/functions\/([^/]+)$/;

/** The operation a request is, among those this file serves; undefined for any other. */
export function versionRoute(method: string, url: URL): VersionOperation | undefined {
  const decoded = (part: string) => decodeURIComponent(part);
  let match = VERSIONS.exec(url.pathname);
  if (match && method === 'POST') return { operation: 'PublishVersion', functionName: decoded(match[1]) };
  match = ALIAS.exec(url.pathname);
  if (match && (method === 'GET' || method === 'PUT')) {
    return { operation: method === 'GET' ? 'GetAlias' : 'UpdateAlias', functionName: decoded(match[1]), alias: decoded(match[2]) };
  }
  match = FUNCTION.exec(url.pathname);
  if (match && method === 'DELETE') return { operation: 'DeleteFunction', functionName: decoded(match[1]), qualifier: url.searchParams.get('Qualifier') ?? undefined };
  return undefined;
}

/** The qualifier of a request: the `Qualifier` query member, or the end of a qualified name or ARN. */
export function qualifierOf(nameOrArn: string, url: URL): string | undefined {
  const query = url.searchParams.get('Qualifier');
  if (query !== null) return query;
  // arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER], ACCOUNT:function:NAME[:QUALIFIER], NAME[:QUALIFIER].
  const parts = nameOrArn.split(':');
  const nameAt = parts[0] === 'arn' ? 6 : parts[1] === 'function' ? 2 : 0;
  return parts[nameAt + 1];
}

/** The versions and aliases of one function. */
export class FunctionVersions {
  private readonly versions = new Map<string, PublishedVersion>();
  private readonly aliases = new Map<string, AliasRecord>();
  private lastVersion = 0;

  /**
   * @param snapStart SnapStart on published versions: a new version is Pending for
   * `publishDelayMs` (Lambda runs its init and takes the snapshot), and its new environments
   * report a restore instead of an init
   */
  constructor(private readonly name: string, public readonly snapStart: boolean, private readonly publishDelayMs: number) {}

  /** Aliases that exist from the start, each on version 1, published from the initial settings (as a deployment leaves them). */
  public deploy(settings: FunctionSettings, aliases: readonly string[]): void {
    if (aliases.length === 0) return;
    const first = this.add(settings, 'deployed', 'Active');
    for (const alias of aliases) this.aliases.set(alias, { version: first.number, revisionId: randomUUID() });
  }

  /** PublishVersion of $LATEST as it is; the same version again when nothing changed, as Lambda does. */
  public publish(settings: FunctionSettings, description: string): PublishedVersion {
    const last = this.versions.get(String(this.lastVersion));
    if (last && JSON.stringify(last.settings) === JSON.stringify(settings)) return last;
    const version = this.add(settings, description, this.snapStart ? 'Pending' : 'Active');
    if (version.state === 'Pending') setTimeout(() => { version.state = 'Active'; }, this.publishDelayMs).unref();
    return version;
  }

  public alias(alias: string): AliasConfiguration {
    const record = this.aliases.get(alias);
    if (!record) throw LambdaError.notFoundQualified(this.name, alias, 'Alias');
    return this.aliasDocument(alias, record);
  }

  /** UpdateAlias: FunctionVersion must be a published version. */
  public updateAlias(alias: string, request: { FunctionVersion?: string; RevisionId?: string }): AliasConfiguration {
    const record = this.aliases.get(alias);
    if (!record) throw LambdaError.notFoundQualified(this.name, alias, 'Alias');
    if (request.RevisionId !== undefined && request.RevisionId !== record.revisionId) throw LambdaError.preconditionFailed();
    if (request.FunctionVersion !== undefined) {
      if (!this.versions.has(request.FunctionVersion)) throw LambdaError.notFoundQualified(this.name, request.FunctionVersion, 'Function');
      record.version = request.FunctionVersion;
    }
    record.revisionId = randomUUID();
    return this.aliasDocument(alias, record);
  }

  /** DeleteFunction with a version as Qualifier; a version an alias points at cannot go. */
  public deleteVersion(qualifier: string | undefined): void {
    if (qualifier === undefined || qualifier === '$LATEST') {
      throw LambdaError.invalidParameter('LocalLambdaApi deletes published versions only: give a version number as Qualifier');
    }
    if (!this.versions.has(qualifier)) throw LambdaError.notFoundQualified(this.name, qualifier, 'Function');
    const holders = [...this.aliases.entries()].filter(([, record]) => record.version === qualifier).map(([alias]) => alias);
    if (holders.length > 0) {
      throw LambdaError.conflict(`Unable to delete version because the following aliases reference it: [${holders.join(', ')}]`);
    }
    this.versions.delete(qualifier);
  }

  /** The version an Invoke or GetFunctionConfiguration qualifier names; undefined for $LATEST. */
  public resolve(qualifier: string | undefined): PublishedVersion | undefined {
    if (qualifier === undefined || qualifier === '$LATEST') return undefined;
    const number = this.aliases.get(qualifier)?.version ?? qualifier;
    const version = this.versions.get(number);
    if (!version) throw LambdaError.notFoundQualified(this.name, qualifier, 'Function');
    return version;
  }

  /** The published versions, in order (what a test checks is left behind). */
  public get numbers(): string[] {
    return [...this.versions.keys()];
  }

  /** The version each alias points at. */
  public get aliasVersions(): Record<string, string> {
    return Object.fromEntries([...this.aliases.entries()].map(([alias, record]) => [alias, record.version]));
  }

  private add(settings: FunctionSettings, description: string, state: PublishedVersion['state']): PublishedVersion {
    const version: PublishedVersion = { number: String(++this.lastVersion), settings, state, revisionId: randomUUID(), description };
    this.versions.set(version.number, version);
    return version;
  }

  private aliasDocument(alias: string, record: AliasRecord): AliasConfiguration {
    return { AliasArn: `${functionArn(this.name)}:${alias}`, Name: alias, FunctionVersion: record.version, Description: '', RevisionId: record.revisionId };
  }
}

/** A version's configuration: $LATEST's document with the version's frozen settings, number and state. */
export function versionDocument(latest: FunctionConfiguration, version: PublishedVersion): FunctionConfiguration {
  const variables = version.settings.variables;
  const { Environment: _, ...rest } = latest;
  return {
    ...rest,
    ...(Object.keys(variables).length > 0 ? { Environment: { Variables: { ...variables } } } : {}),
    FunctionArn: `${latest.FunctionArn}:${version.number}`,
    Version: version.number,
    MemorySize: version.settings.memorySize,
    Timeout: version.settings.timeoutSeconds,
    Description: version.description,
    RevisionId: version.revisionId,
    State: version.state,
    LastUpdateStatus: 'Successful',
    ...(latest.SnapStart ? { SnapStart: { ...latest.SnapStart, OptimizationStatus: 'On' } } : {}),
  };
}
