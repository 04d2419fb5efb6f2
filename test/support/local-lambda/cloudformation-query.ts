import { randomUUID } from 'node:crypto';

const NAMESPACE = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

/** A deployed stack, as far as DescribeStacks shows it. */
export interface LocalStack {
  readonly name: string;
  readonly outputs: Readonly<Record<string, string>>;
}

/** An answer of the CloudFormation awsQuery protocol: XML, errors included. */
export interface QueryAnswer {
  readonly status: number;
  readonly xml: string;
  readonly action: string;
  readonly stackName?: string;
  readonly errorCode?: string;
}

/**
 * CloudFormation over awsQuery, as the SDK v3 client speaks it: a form-encoded POST to `/`
 * with Action and Version, answered in XML. Only DescribeStacks is served.
 */
export class CloudFormationQuery {
  private readonly stacks: ReadonlyArray<LocalStack & { readonly id: string; readonly created: string }>;

  constructor(stacks: readonly LocalStack[]) {
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
    if (action !== 'DescribeStacks') {
      return error(action, 'InvalidAction', `The action ${action} is not valid for this web service.`);
    }
    const wanted = params.get('StackName') ?? undefined;
    const stacks = wanted === undefined ? this.stacks : this.stacks.filter((s) => s.name === wanted || s.id === wanted);
    if (wanted !== undefined && stacks.length === 0) {
      return { ...error(action, 'ValidationError', `Stack with id ${wanted} does not exist`), stackName: wanted };
    }
    const members = stacks.map((stack) => element('member', [
      element('StackId', stack.id),
      element('StackName', stack.name),
      element('CreationTime', stack.created),
      element('StackStatus', 'CREATE_COMPLETE'),
      element('Outputs', Object.entries(stack.outputs).map(([key, value]) =>
        element('member', [element('OutputKey', key), element('OutputValue', value)]))),
    ]));
    const xml = `<DescribeStacksResponse xmlns="${NAMESPACE}">${element('DescribeStacksResult', [element('Stacks', members)])}${metadata()}</DescribeStacksResponse>`;
    return { status: 200, xml, action, stackName: wanted };
  }
}

/** The awsQuery error document; the Code is what the SDK names its exception after. */
export function error(action: string, code: string, message: string, status = 400): QueryAnswer {
  const body = element('Error', [element('Type', 'Sender'), element('Code', code), element('Message', message)]);
  return { status, xml: `<ErrorResponse xmlns="${NAMESPACE}">${body}${element('RequestId', randomUUID())}</ErrorResponse>`, action, errorCode: code };
}

function metadata(): string {
  return element('ResponseMetadata', [element('RequestId', randomUUID())]);
}

function element(name: string, content: string | readonly string[]): string {
  return `<${name}>${typeof content === 'string' ? escape(content) : content.join('')}</${name}>`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
