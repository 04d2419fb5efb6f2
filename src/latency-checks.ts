import { Annotations, AspectPriority, Aspects, IAspect, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { LatencySensitiveFunction } from './function';
import { LatencyCheckLevel } from './latency-check-level';
import { LatencyProfile } from './latency-profile';
import { propError } from './private/checks/errors';
import { checkStruct, given, shown } from './private/checks/type-checks';
import { functionOfResource, tagValueOf } from './private/fleet/function-of-resource';
import { latencyFindings, RULE_IDS } from './private/fleet/latency-rules';

/**
 * Options of {@link LatencyChecks}.
 */
export interface LatencyChecksProps {
  /**
   * How findings are reported.
   *
   * @default LatencyCheckLevel.ERROR
   */
  readonly level?: LatencyCheckLevel;

  /**
   * Also check every `lambda.Function` tagged `latency-sensitive=true`
   * (`Tags.of(fn).add(LatencyChecks.TAG_KEY, 'true')`), besides every LatencySensitiveFunction.
   *
   * @default false
   */
  readonly includeTagged?: boolean;

  /**
   * The latency profile whose memory a tagged function must have at least (a
   * LatencySensitiveFunction is held to its own profile).
   *
   * @default LatencyProfile.USER_FACING_VALIDATION
   */
  readonly taggedProfile?: LatencyProfile;
}

/**
 * Latency rules for a whole app, in the spirit of a cdk-nag pack: an aspect that checks every
 * LatencySensitiveFunction (and, opt-in, every function tagged `latency-sensitive=true`) for no
 * layers or extensions, JSON logs, arm64, a log group with a finite retention, memory not
 * below its latency profile's, and reserved concurrency not zero.
 *
 * Each finding names the function, the rule id and the fix. A rule is acknowledged per
 * function (or for a whole scope) with a reason through `LatencyChecks.acknowledge`, which
 * records it with `Validations.of(scope).acknowledge` as cdk-nag 3 reads its own, so one audit
 * trail holds both.
 *
 * @example
 * declare const app: App;
 * declare const legacyFn: lambda.Function;
 * LatencyChecks.of(app, { level: LatencyCheckLevel.WARNING, includeTagged: true });
 * LatencyChecks.acknowledge(legacyFn, LatencyChecks.ARM64, 'Native dependency built for x86_64 only until Q3');
 */
export class LatencyChecks implements IAspect {
  /** The tag that opts a plain lambda.Function in, with the value 'true'. */
  public static readonly TAG_KEY = 'latency-sensitive';

  /** Rule: no layers, hence no extensions, which add their own init to each cold start. */
  public static readonly NO_LAYERS = RULE_IDS.noLayers;

  /** Rule: JSON logs at INFO, so that platform.report records measure cold starts. */
  public static readonly JSON_LOGS = RULE_IDS.jsonLogs;

  /** Rule: arm64. */
  public static readonly ARM64 = RULE_IDS.arm64;

  /** Rule: a log group of its own with a finite retention. */
  public static readonly LOG_RETENTION = RULE_IDS.logRetention;

  /** Rule: memory not below the latency profile's. */
  public static readonly MEMORY = RULE_IDS.memory;

  /** Rule: reserved concurrency not zero. */
  public static readonly RESERVED_CONCURRENCY = RULE_IDS.reservedConcurrency;

  /** Checks every latency-sensitive function in `scope` (an app, a stage or a stack). */
  public static of(scope: IConstruct, props: LatencyChecksProps = {}): LatencyChecks {
    const aspect = new LatencyChecks(props ?? {});
    // Read-only, and after tags (mutating) have reached the functions' resources.
    Aspects.of(scope).add(aspect, { priority: AspectPriority.READONLY });
    return aspect;
  }

  /**
   * Acknowledges a rule on a function, or on every function under a scope, with the reason.
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    const known: string[] = Object.values(RULE_IDS);
    if (!known.includes(ruleId)) {
      throw propError('LatencyChecks.acknowledge', 'ruleId', `${shown(ruleId)} is not a LatencyChecks rule`, `Use one of ${known.join(', ')}`);
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw propError('LatencyChecks.acknowledge', 'reason', `must say why the rule does not apply, got ${shown(reason)}`, 'Give the reason, e.g. \'x86-only native dependency\'');
    }
    Validations.of(scope).acknowledge({ id: ruleId, reason });
  }

  private readonly level: LatencyCheckLevel;
  private readonly includeTagged: boolean;
  private readonly taggedProfile: LatencyProfile;

  private constructor(props: LatencyChecksProps) {
    checkStruct('LatencyChecks', 'props', props);
    if (given(props.level) && !(props.level instanceof LatencyCheckLevel)) {
      throw propError('LatencyChecks', 'level', `must be a LatencyCheckLevel, got ${shown(props.level)}`, 'Use LatencyCheckLevel.ERROR or LatencyCheckLevel.WARNING');
    }
    if (given(props.includeTagged) && typeof props.includeTagged !== 'boolean') {
      throw propError('LatencyChecks', 'includeTagged', `must be true or false, got ${shown(props.includeTagged)}`, 'Pass true to check tagged functions too, or leave it out');
    }
    if (given(props.taggedProfile) && !(props.taggedProfile instanceof LatencyProfile)) {
      throw propError('LatencyChecks', 'taggedProfile', `must be a LatencyProfile, got ${shown(props.taggedProfile)}`, 'Use a preset such as LatencyProfile.REAL_TIME_API');
    }
    this.level = props.level ?? LatencyCheckLevel.ERROR;
    this.includeTagged = props.includeTagged ?? false;
    this.taggedProfile = props.taggedProfile ?? LatencyProfile.USER_FACING_VALIDATION;
  }

  public visit(node: IConstruct): void {
    const fn = functionOfResource(node);
    const profile = fn && this.profileOf(fn);
    if (!fn || !profile) return;
    for (const finding of latencyFindings(fn, profile.memorySize)) {
      if (isAcknowledged(fn, finding.ruleId)) continue;
      const message = `[${finding.ruleId}] ${fn.node.path}: ${finding.problem}. Fix: ${finding.fix}.`;
      if (this.level === LatencyCheckLevel.ERROR) {
        Annotations.of(fn).addError(message);
      } else {
        Annotations.of(fn).addWarningV2(finding.ruleId, message);
      }
    }
  }

  /** The profile a checked function is held to; undefined for a function not checked. */
  private profileOf(fn: lambda.Function): LatencyProfile | undefined {
    if (fn instanceof LatencySensitiveFunction) return fn.profile;
    return this.includeTagged && tagValueOf(fn, LatencyChecks.TAG_KEY) === 'true' ? this.taggedProfile : undefined;
  }
}

/**
 * Whether the rule was acknowledged on the function or a scope above it, read from the
 * metadata that `Validations.acknowledge` writes (errors cannot be acknowledged through
 * annotations, so the check is made before reporting).
 */
function isAcknowledged(fn: lambda.Function, ruleId: string): boolean {
  return fn.node.scopes.some((scope) => scope.node.metadata.some((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    && Object.keys(entry.data ?? {}).some((id) => id.replace(/^annotation::/i, '') === ruleId)));
}
