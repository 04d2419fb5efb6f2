import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { propError } from './errors';
import { shown } from './type-checks';

/** CloudWatch accepts dashboard names of up to 255 letters, digits, '-' and '_'. */
export function checkDashboardName(owner: IConstruct | string, prop: string, name: string): void {
  if (Token.isUnresolved(name)) return;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    throw propError(owner, prop, `${shown(name)} is not 1-255 letters, digits, '-' or '_', which CloudWatch requires of a dashboard name`,
      'Use a name such as \'checkout-latency\'');
  }
}
