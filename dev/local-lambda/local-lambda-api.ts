import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { CloudFormationQuery, LocalStack, QueryAnswer, error as queryError } from './cloudformation-query';
import { FunctionConfiguration, LocalFunctionOptions, functionNameOf } from './function-configuration';
import { FunctionListing } from './function-listing';
import { logResult } from './invocation-log';
import { LambdaError } from './lambda-error';
import { InvocationNumber, LocalFunction, ReportFigures, UpdateRequest } from './local-function';
import type { PublishedVersion } from './versions-and-aliases';
import { VersionOperation, qualifierOf, versionDocument, versionRoute } from './versions-and-aliases';
import { BodyTooLarge, readBody, send } from '../../src/lsf/bench/runtime/http-exchange';
import { LoopbackServer, answering } from '../loopback-server';

export type { LocalFunctionOptions, FunctionConfiguration } from './function-configuration';
export type { LocalStack, LocalStackResource } from './cloudformation-query';
export type { InvocationNumber, ReportFigures } from './local-function';

export interface LocalLambdaApiOptions {
  readonly functions: readonly LocalFunctionOptions[];
  readonly stacks?: readonly LocalStack[];
  /** Resources per ListStackResources page (CloudFormation's is 100). */
  readonly stackResourcesPageSize?: number;
  /** How long LastUpdateStatus stays InProgress after an update, in ms (default 200). */
  readonly updateDelayMs?: number;
  /** At most this many functions per ListFunctions page, whatever MaxItems asks (Lambda's largest page is 50): small pages in tests. */
  readonly functionsPageSize?: number;
}

/** One API call the server answered. */
export interface ApiCall {
  readonly operation: 'Invoke' | 'GetFunctionConfiguration' | 'UpdateFunctionConfiguration' | 'ListFunctions' | 'DescribeStacks' | 'ListStackResources' | 'Unknown'
    | VersionOperation['operation'];
  readonly functionName?: string;
  /** The version or alias of an Invoke, GetFunctionConfiguration or DeleteFunction, or the alias of GetAlias/UpdateAlias. */
  readonly qualifier?: string;
  readonly stackName?: string;
  readonly status: number;
  /** The error the SDK will throw, when the call failed. */
  readonly errorType?: string;
  /** Invoke only: X-Amz-Function-Error. */
  readonly functionError?: string;
  /** Invoke only: whether a new execution environment ran it. */
  readonly cold?: boolean;
}

const ROUTE = /^\/2015-03-31\/functions\/([^/]+)\/(invocations|configuration)$/;
const LIST_ROUTE = /^\/2015-03-31\/functions\/?$/;

/**
 * The Lambda (restJson1, 2015-03-31) and CloudFormation (awsQuery) APIs on 127.0.0.1, for
 * the real SDK v3 clients pointed at `endpoint`: Invoke runs real runtime processes,
 * configuration updates force cold starts. Signatures are not checked, only required.
 */
export class LocalLambdaApi {
  public static async start(options: LocalLambdaApiOptions): Promise<LocalLambdaApi> {
    const api = new LocalLambdaApi(options);
    api.server = await LoopbackServer.start(answering((req, res) => api.route(req, res)));
    return api;
  }

  /** Every call answered, in the order of the answers. */
  public readonly calls: ApiCall[] = [];

  private server!: LoopbackServer;
  private readonly functions = new Map<string, LocalFunction>();
  private readonly cloudFormation: CloudFormationQuery;
  private readonly listing: FunctionListing;
  private listThrottlesLeft = 0;

  private constructor(options: LocalLambdaApiOptions) {
    for (const fn of options.functions) this.functions.set(fn.name, new LocalFunction(fn, options.updateDelayMs ?? 200));
    this.cloudFormation = new CloudFormationQuery(options.stacks ?? [], options.stackResourcesPageSize);
    this.listing = new FunctionListing(() => [...this.functions.values()].map((fn) => fn.record.document()), options.functionsPageSize);
  }

  /** `http://127.0.0.1:PORT`, for both SDK clients' `endpoint`. */
  public get endpoint(): string {
    return this.server.endpoint;
  }

  /** The function's configuration as GetFunctionConfiguration shows it now. */
  public configuration(name: string): FunctionConfiguration {
    return this.function(name).record.document();
  }

  /** The next `count` Invoke calls of the function answer 429 TooManyRequestsException. */
  public throttleNextInvokes(name: string, count: number): void {
    this.function(name).throttlesLeft = count;
  }

  /** The next `count` ListFunctions calls answer 429 TooManyRequestsException. */
  public throttleNextListFunctions(count: number): void {
    this.listThrottlesLeft = count;
  }

  /** Tail logs of the function without their report line (REPORT or platform.report). */
  public omitReportLines(name: string, omit = true): void {
    this.function(name).withReport = !omit;
  }

  /**
   * Puts known figures into the report (REPORT line or platform.report record) of each
   * invocation of the function that answers, instead of the measured ones: a test can then
   * tell figures read from the report from any timing taken elsewhere. `figures` is asked once
   * per invocation; what it leaves out (or undefined) stays measured.
   */
  public reportFigures(name: string, figures: (invocation: InvocationNumber) => ReportFigures | undefined): void {
    this.function(name).reportFigures = figures;
  }

  /** The published versions of the function, and the version each of its aliases points at. */
  public versions(name: string): { readonly versions: string[]; readonly aliases: Record<string, string> } {
    const { versions } = this.function(name);
    return { versions: versions.numbers, aliases: versions.aliasVersions };
  }

  /** The next `count` UpdateFunctionConfiguration calls of the function answer 500 ServiceException. */
  public failNextUpdates(name: string, count: number): void {
    this.function(name).updateFailuresLeft = count;
  }

  /** Stops every runtime process, then the server. */
  public async close(): Promise<void> {
    await Promise.all([...this.functions.values()].map((fn) => fn.close()));
    await this.server.close();
  }

  private function(name: string): LocalFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`LocalLambdaApi serves no function ${name}`);
    return fn;
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) return undefined;
      throw error;
    });
    const signed = /^AWS4-HMAC-SHA256 Credential=/.test(req.headers.authorization ?? '');
    if (req.method === 'POST' && url.pathname === '/') {
      return this.query(res, body, signed);
    }
    if (req.method === 'GET' && LIST_ROUTE.test(url.pathname)) {
      return this.listFunctions(res, url.searchParams, signed);
    }
    const versioned = versionRoute(req.method ?? '', url);
    if (versioned) return this.versionCall(res, versioned, body, signed);
    const match = ROUTE.exec(url.pathname);
    const operation = !match ? 'Unknown'
      : match[2] === 'invocations' ? (req.method === 'POST' ? 'Invoke' : 'Unknown')
        : req.method === 'GET' ? 'GetFunctionConfiguration' : req.method === 'PUT' ? 'UpdateFunctionConfiguration' : 'Unknown';
    const functionName = match ? functionNameOf(decodeURIComponent(match[1])) : undefined;
    const qualifier = match ? qualifierOf(decodeURIComponent(match[1]), url) : undefined;
    try {
      if (!signed) throw LambdaError.unsigned();
      if (body === undefined) throw LambdaError.tooLarge();
      if (operation === 'Unknown' || functionName === undefined) throw LambdaError.unknownOperation(req.method ?? '', url.pathname);
      const fn = this.functions.get(functionName);
      if (!fn) throw LambdaError.notFound(functionName);
      const version = operation === 'UpdateFunctionConfiguration' ? undefined : fn.versions.resolve(qualifier);
      if (operation === 'Invoke') return await this.invoke(fn, req, res, body, version);
      const document = operation === 'UpdateFunctionConfiguration' ? fn.update(parseUpdate(body))
        : version ? versionDocument(fn.record.document(), version) : fn.record.document();
      this.answer(res, { operation, functionName, qualifier, status: 200 }, JSON.stringify(document), {});
    } catch (error) {
      if (!(error instanceof LambdaError)) throw error;
      this.answer(res, { operation, functionName, status: error.status, errorType: error.type }, JSON.stringify(error.body), {
        'x-amzn-ErrorType': error.type,
      });
    }
  }

  private async invoke(
    fn: LocalFunction, req: http.IncomingMessage, res: http.ServerResponse, body: string, version?: PublishedVersion,
  ): Promise<void> {
    const call = { operation: 'Invoke', functionName: fn.name, qualifier: version?.number } as const;
    const invocationType = header(req, 'x-amz-invocation-type') ?? 'RequestResponse';
    // An empty payload reaches the handler as an empty object, as in Lambda.
    const event = body === '' ? '{}' : body;
    if (invocationType === 'DryRun') return this.answer(res, { ...call, status: 204 }, '', {});
    if (invocationType === 'Event') {
      fn.invoke(event, version).catch(() => undefined);
      return this.answer(res, { ...call, status: 202 }, '', {});
    }
    if (invocationType !== 'RequestResponse') {
      throw LambdaError.invalidParameter(`1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`);
    }
    const result = await fn.invoke(event, version);
    const headers: Record<string, string> = { 'X-Amz-Executed-Version': version?.number ?? '$LATEST', 'x-amzn-RequestId': result.requestId };
    if (result.functionError) headers['X-Amz-Function-Error'] = result.functionError;
    if (header(req, 'x-amz-log-type') === 'Tail') headers['X-Amz-Log-Result'] = logResult(result.log);
    this.answer(res, { ...call, status: 200, functionError: result.functionError, cold: result.cold }, result.payload, headers);
  }

  private listFunctions(res: http.ServerResponse, params: URLSearchParams, signed: boolean): void {
    const call = { operation: 'ListFunctions' } as const;
    try {
      if (!signed) throw LambdaError.unsigned();
      if (this.listThrottlesLeft > 0) {
        this.listThrottlesLeft -= 1;
        throw LambdaError.throttled();
      }
      this.answer(res, { ...call, status: 200 }, JSON.stringify(this.listing.page(params.get('Marker') ?? undefined, params.get('MaxItems') ?? undefined)), {});
    } catch (error) {
      if (!(error instanceof LambdaError)) throw error;
      this.answer(res, { ...call, status: error.status, errorType: error.type }, JSON.stringify(error.body), { 'x-amzn-ErrorType': error.type });
    }
  }

  /** PublishVersion, GetAlias, UpdateAlias and DeleteFunction (of a version): versions-and-aliases.ts. */
  private versionCall(res: http.ServerResponse, op: VersionOperation, body: string | undefined, signed: boolean): void {
    const functionName = functionNameOf(op.functionName);
    const qualifier = op.operation === 'DeleteFunction' ? op.qualifier : op.operation === 'PublishVersion' ? undefined : op.alias;
    const call = { operation: op.operation, functionName, qualifier };
    try {
      if (!signed) throw LambdaError.unsigned();
      if (body === undefined) throw LambdaError.tooLarge();
      const fn = this.functions.get(functionName);
      if (!fn) throw LambdaError.notFound(functionName);
      const request = parseUpdate(body) as { Description?: string; FunctionVersion?: string; RevisionId?: string };
      if (op.operation === 'PublishVersion') {
        if (fn.record.updating) throw LambdaError.updateInProgress(functionName);
        const version = fn.versions.publish(fn.record.settings, request.Description ?? '');
        const document = versionDocument(fn.record.document(), version);
        return this.answer(res, { ...call, qualifier: version.number, status: 201 }, JSON.stringify(document), {});
      }
      if (op.operation === 'DeleteFunction') {
        fn.versions.deleteVersion(op.qualifier);
        return this.answer(res, { ...call, status: 204 }, '', {});
      }
      const alias = op.operation === 'GetAlias' ? fn.versions.alias(op.alias) : fn.versions.updateAlias(op.alias, request);
      this.answer(res, { ...call, status: 200 }, JSON.stringify(alias), {});
    } catch (error) {
      if (!(error instanceof LambdaError)) throw error;
      this.answer(res, { ...call, status: error.status, errorType: error.type }, JSON.stringify(error.body), { 'x-amzn-ErrorType': error.type });
    }
  }

  private query(res: http.ServerResponse, form: string | undefined, signed: boolean): void {
    const answer: QueryAnswer = !signed ? queryError('', 'MissingAuthenticationToken', 'Request is missing Authentication Token', 403)
      : form === undefined ? queryError('', 'RequestEntityTooLarge', 'Request is too large', 413)
        : this.cloudFormation.answer(form);
    const operation = answer.action === 'DescribeStacks' || answer.action === 'ListStackResources' ? answer.action : 'Unknown';
    this.calls.push({ operation, stackName: answer.stackName, status: answer.status, errorType: answer.errorCode });
    send(res, answer.status, answer.xml, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': randomUUID() });
  }

  private answer(res: http.ServerResponse, call: ApiCall, body: string, headers: Record<string, string>): void {
    this.calls.push(call);
    send(res, call.status, body, { 'Content-Type': 'application/json', 'x-amzn-RequestId': randomUUID(), ...headers });
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseUpdate(body: string): UpdateRequest {
  try {
    return JSON.parse(body === '' ? '{}' : body) as UpdateRequest;
  } catch {
    throw LambdaError.invalidParameter('Could not parse request body into json');
  }
}
