import { randomUUID } from 'node:crypto';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** CloudFormation's page size for ListStackResources. */
export const RESOURCES_PER_PAGE = 100;

/** A deployed stack: its outputs (DescribeStacks) and its resources (ListStackResources). */
export interface LocalStack {
  readonly name: string;
  /** @default no outputs */
  readonly outputs?: Readonly<Record<string, string>>;
  /** In the template's order. @default no resources */
  readonly resources?: readonly LocalStackResource[];
}

/** One resource of a deployed stack. */
export interface LocalStackResource {
  readonly logicalId: string;
  /** A function's name, a role's name...: what CloudFormation calls the physical ID. */
  readonly physicalId: string;
  /** `AWS::Lambda::Function`... */
  readonly type: string;
  /** @default CREATE_COMPLETE */
  readonly status?: string;
}

/** An answer of the CloudFormation awsQuery protocol: XML, errors included. */
export interface QueryAnswer {
  readonly status: number;
  readonly xml: string;
  readonly action: string;
  readonly stackName?: string;
  readonly errorCode?: string;
}

type ServedStack = LocalStack & { readonly id: string; readonly created: string };

/**
 * CloudFormation over awsQuery, as the SDK v3 client speaks it: a form-encoded POST to `/`
 * with Action and Version, answered in XML. DescribeStacks and ListStackResources (paginated
 * with NextToken, `pageSize` resources a page) are served.
 */
export class CloudFormationQuery {
  private readonly stacks: readonly ServedStack[];

  constructor(stacks: readonly LocalStack[], private readonly pageSize = RESOURCES_PER_PAGE) {
    const created = new Date().toISOString();
    this.stacks = stacks.map((stack) => ({
      ...stack,
      id: `arn:aws:cloudformation:us-east-1:000000000000:stack/${stack.name}/${randomUUID()}`,
      created,
    }));
  }

  public answer(form: string): QueryAnswer {
    const params = new URLSearchParams(form);
    const action = params.get('Action') ?? '';
    const wanted = params.get('StackName') ?? undefined;
    if (action === 'DescribeStacks') return this.describeStacks(wanted);
    if (action === 'ListStackResources') return this.listStackResources(wanted, params.get('NextToken') ?? undefined);
    return error(action, 'InvalidAction', `The action ${action} is not valid for this web service.`);
  }

  private describeStacks(wanted: string | undefined): QueryAnswer {
    const action = 'DescribeStacks';
    const stacks = wanted === undefined ? this.stacks : this.stacks.filter((s) => s.name === wanted || s.id === wanted);
    if (wanted !== undefined && stacks.length === 0) return notFound(action, wanted);
    const members = stacks.map((stack) => element('member', [
      element('StackId', stack.id),
      element('StackName', stack.name),
      element('CreationTime', stack.created),
      element('StackStatus', 'CREATE_COMPLETE'),
      element('Outputs', Object.entries(stack.outputs ?? {}).map(([key, value]) =>
        element('member', [element('OutputKey', key), element('OutputValue', value)]))),
    ]));
    return { status: 200, xml: response(action, [element('Stacks', members)]), action, stackName: wanted };
  }

  /** One page of the stack's resources; NextToken is the offset of the next page, opaque to the client. */
  private listStackResources(wanted: string | undefined, nextToken: string | undefined): QueryAnswer {
    const action = 'ListStackResources';
    if (wanted === undefined) {
      return error(action, 'ValidationError', '1 validation error detected: Value null at \'stackName\' failed to satisfy constraint: Member must not be null');
    }
    const stack = this.stacks.find((s) => s.name === wanted || s.id === wanted);
    if (!stack) return notFound(action, wanted);
    const resources = stack.resources ?? [];
    const start = nextToken === undefined ? 0 : offsetOf(nextToken, stack);
    if (start === undefined) return { ...error(action, 'ValidationError', 'Invalid NextToken'), stackName: wanted };
    const end = start + this.pageSize;
    const members = resources.slice(start, end).map((r) => element('member', [
      element('LogicalResourceId', r.logicalId),
      element('PhysicalResourceId', r.physicalId),
      element('ResourceType', r.type),
      element('LastUpdatedTimestamp', stack.created),
      element('ResourceStatus', r.status ?? 'CREATE_COMPLETE'),
      element('DriftInformation', [element('StackResourceDriftStatus', 'NOT_CHECKED')]),
    ]));
    const next = end < resources.length ? [element('NextToken', tokenOf(end, stack))] : [];
    return { status: 200, xml: response(action, [element('StackResourceSummaries', members), ...next]), action, stackName: wanted };
  }
}

/** The awsQuery error document; the Code is what the SDK names its exception after. */
export function error(action: string, code: string, message: string, status = 400): QueryAnswer {
  const body = element('Error', [element('Type', 'Sender'), element('Code', code), element('Message', message)]);
  return { status, xml: `<ErrorResponse xmlns="${NAMESPACE}">${body}${element('RequestId', randomUUID())}</ErrorResponse>`, action, errorCode: code };
}

/** What CloudFormation answers for a stack name it does not know (or a deleted stack's name). */
function notFound(action: string, stackName: string): QueryAnswer {
  return { ...error(action, 'ValidationError', `Stack with id ${stackName} does not exist`), stackName };
}

function tokenOf(offset: number, stack: ServedStack): string {
  return Buffer.from(JSON.stringify({ stack: stack.id, offset })).toString('base64');
}

function offsetOf(token: string, stack: ServedStack): number | undefined {
  try {
    const { stack: id, offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    return id === stack.id && Number.isSafeInteger(offset) && offset > 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/** `<ActionResponse><ActionResult>...</ActionResult><ResponseMetadata/></ActionResponse>`, as the SDK unwraps it. */
function response(action: string, result: readonly string[]): string {
  return `<${action}Response xmlns="${NAMESPACE}">${element(`${action}Result`, result)}${element('ResponseMetadata', [element('RequestId', randomUUID())])}</${action}Response>`;
}

function element(name: string, content: string | readonly string[]): string {
  return `<${name}>${typeof content === 'string' ? escape(content) : content.join('')}</${name}>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
