import * as path from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FIXTURES, stackWithoutBundling } from './fixtures';
import { LatencyProfile, LatencySensitiveFunction, LatencySensitiveFunctionProps, RustToolchain, Twin } from '../src';

function synth(props: Partial<LatencySensitiveFunctionProps> = {}): { stack: Stack; fn: LatencySensitiveFunction; template: Template } {
  const stack = stackWithoutBundling();
  const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, ...props });
  return { stack, fn, template: Template.fromStack(stack) };
}

describe('LatencySensitiveFunction defaults', () => {
  test('deploys the bootstrap on arm64 and provided.al2023 with the default profile', () => {
    const { fn, template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'provided.al2023',
      Handler: 'bootstrap',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 3,
    });
    expect(fn.profile).toBe(LatencyProfile.USER_FACING_VALIDATION);
    expect(fn.binaryName).toBe('hello-lambda');
  });

  test('logs JSON to its own log group with a one-month retention', () => {
    const { template } = synth();
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const logGroupId = Object.keys(template.findResources('AWS::Logs::LogGroup'))[0];
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logGroupId } },
    });
  });

  test('has no layers, no Lambda Insights and no log-retention custom resource', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', { Layers: Match.absent() });
    template.resourceCountIs('Custom::LogRetention', 0);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    const policies = template.findResources('AWS::IAM::Role');
    expect(JSON.stringify(policies)).not.toContain('CloudWatchLambdaInsightsExecutionRolePolicy');
  });

  test('names its build by the Cargo binary', () => {
    const { fn } = synth({ manifestPath: FIXTURES.workspace, binaryName: 'signup-notify' });
    expect(fn.binaryName).toBe('signup-notify');
  });
});

describe('LatencySensitiveFunction profiles', () => {
  test.each([
    ['REAL_TIME_API', LatencyProfile.REAL_TIME_API, 1769, 5],
    ['USER_FACING_VALIDATION', LatencyProfile.USER_FACING_VALIDATION, 512, 3],
    ['HIGH_FREQUENCY', LatencyProfile.HIGH_FREQUENCY, 256, 3],
    ['COST_SENSITIVE', LatencyProfile.COST_SENSITIVE, 128, 10],
  ])('%s sets memory and timeout', (_, profile, memory, timeout) => {
    synth({ profile }).template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: memory, Timeout: timeout });
  });

  test('a custom profile sets memory and timeout', () => {
    const profile = LatencyProfile.custom({ memorySize: 2048, timeout: Duration.seconds(20) });
    synth({ profile }).template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 2048, Timeout: 20 });
  });

  test('explicit memorySize and timeout win over the profile', () => {
    synth({ profile: LatencyProfile.REAL_TIME_API, memorySize: 1024, timeout: Duration.seconds(7) })
      .template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Timeout: 7 });
  });
});

describe('LatencySensitiveFunction options', () => {
  test('builds for x86_64 on request', () => {
    synth({ architecture: lambda.Architecture.X86_64 }).template.hasResourceProperties('AWS::Lambda::Function', {
      Architectures: ['x86_64'],
    });
  });

  test('takes a log retention, or a log group of the user', () => {
    synth({ logGroupRetention: logs.RetentionDays.ONE_WEEK }).template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });

    const stack = stackWithoutBundling();
    const logGroup = new logs.LogGroup(stack, 'Mine', { retention: logs.RetentionDays.ONE_YEAR });
    new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello, logGroup });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup) } },
    });
  });

  test('passes other function options through', () => {
    synth({ environment: { MODE: 'strict' }, description: 'signup validation', reservedConcurrentExecutions: 5 })
      .template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { MODE: 'strict' } },
        Description: 'signup validation',
        ReservedConcurrentExecutions: 5,
      });
  });

  test('warns that Lambda Insights adds to the cold start', () => {
    const { stack } = synth({ insightsVersion: lambda.LambdaInsightsVersion.VERSION_1_0_333_0 });
    Annotations.fromStack(stack).hasWarning('/Test/Validate', Match.stringLikeRegexp('Lambda Insights is an extension'));
  });

  test('is usable wherever an IFunction is: API Gateway integration and grants', () => {
    const stack = stackWithoutBundling();
    const fn = new LatencySensitiveFunction(stack, 'Validate', { manifestPath: FIXTURES.hello });
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('POST', new apigateway.LambdaIntegration(fn));
    fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      Integration: Match.objectLike({ Type: 'AWS_PROXY' }),
    });
    template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com' });
  });
});

describe('LatencySensitiveFunction bad input', () => {
  const attempt = (props: Partial<LatencySensitiveFunctionProps>) => () => synth(props);

  test.each<[string, Partial<LatencySensitiveFunctionProps>, RegExp]>([
    ['a missing manifest', { manifestPath: '/nonexistent/Cargo.toml' }, /LatencySensitiveFunction 'Test\/Validate': invalid `manifestPath`: '\/nonexistent\/Cargo.toml' does not exist\. Give the path/],
    ['an empty manifest path', { manifestPath: '' }, /invalid `manifestPath`: it is required/],
    ['a file that is not Cargo.toml', { manifestPath: path.join(FIXTURES.hello, 'src', 'main.rs') }, /invalid `manifestPath`: .* is neither a Cargo\.toml file/],
    ['a workspace without binaryName', { manifestPath: FIXTURES.workspace }, /invalid `binaryName`: .* is a workspace \(binaries: 'signup-api', 'signup-notify'\)\. Set binaryName/],
    ['a multi-binary package without binaryName', { manifestPath: FIXTURES.multiBin }, /invalid `binaryName`: .* is a package with several binaries \(binaries: 'notify', 'validate'\)/],
    ['an unknown binaryName', { binaryName: 'nope' }, /invalid `binaryName`: 'nope' is not a binary of .* \(binaries: 'hello-lambda'\)\. Use one of the binaries listed/],
    ['memory below 128 MB', { memorySize: 100 }, /invalid `memorySize`: Lambda memory must be a whole number of MB from 128 to 10240, got 100/],
    ['memory above 10240 MB', { memorySize: 20000 }, /invalid `memorySize`: .* got 20000/],
    ['a zero timeout', { timeout: Duration.seconds(0) }, /invalid `timeout`: Lambda timeouts are whole seconds from 1 to 900, got 0 seconds/],
    ['a timeout over 900 s', { timeout: Duration.minutes(20) }, /invalid `timeout`: .* got 20 minutes/],
    ['text logs', { loggingFormat: lambda.LoggingFormat.TEXT }, /invalid `loggingFormat`: the function logs JSON/],
    ['a system log level that drops platform.report', { systemLogLevelV2: lambda.SystemLogLevel.WARN }, /invalid `systemLogLevelV2`: WARN drops the INFO-level platform\.report records/],
    ['logRetention', { logRetention: logs.RetentionDays.ONE_DAY }, /invalid `logRetention`: .* Use logGroupRetention instead/],
    ['SnapStart on the Rust function', { snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS }, /invalid `snapStart`: Lambda offers no SnapStart for OS-only runtimes/],
    ['an architecture that contradicts --target', { cargoLambdaFlags: undefined, rustBuild: { cargoLambdaFlags: ['--target', 'x86_64-unknown-linux-gnu'] } }, /invalid `architecture`: it is arm64, but rustBuild\.cargoLambdaFlags builds for --target x86_64-unknown-linux-gnu/],
    ['an x86_64 function with an aarch64 --target=', { architecture: lambda.Architecture.X86_64, rustBuild: { cargoLambdaFlags: ['--target=aarch64-unknown-linux-gnu'] } }, /invalid `architecture`: it is x86_64, but .* --target aarch64-unknown-linux-gnu/],
    ['--arm64 in the flags', { rustBuild: { cargoLambdaFlags: ['--arm64'] } }, /invalid `rustBuild\.cargoLambdaFlags`: flag '--arm64' is set by the construct\. Set `architecture` instead/],
    ['--bin in the flags', { rustBuild: { cargoLambdaFlags: ['--bin', 'x'] } }, /flag '--bin' is set by the construct\. Set `binaryName` instead/],
    ['a flag with shell syntax', { rustBuild: { cargoLambdaFlags: ['--features "a b"'] } }, /invalid `rustBuild\.cargoLambdaFlags`: flag .* holds spaces or shell characters/],
    ['a bad cargo profile', { rustBuild: { cargoProfile: 'release; rm -rf /' } }, /invalid `rustBuild\.cargoProfile`: 'release; rm -rf \/' is not a Cargo profile name/],
    ['a bad build environment name', { rustBuild: { environment: { 'BAD NAME': 'x' } } }, /invalid `rustBuild\.environment`: entry "BAD NAME"/],
  ] as any)('rejects %s', (_, props, message) => {
    expect(attempt(props)).toThrow(message);
  });

  // Counter-examples of the property tests: each was a TypeError, a CDK error or an accepted value.
  test.each<[string, object, RegExp]>([
    ['a twin that is not a Twin', { twins: [{}] }, /invalid `twins\[0\]`: must be a Twin, got an object\. Use Twin\.python\(\), Twin\.node\(\) or Twin\.fromFunction\(\)/],
    ['twins that are not an array', { twins: Twin.node({ entry: 'x.ts' }) }, /invalid `twins`: must be an array of Twin, got a Twin\. Use e\.g\. \[Twin\.python\(\{ entry \}\), Twin\.node\(\{ entry \}\)\]/],
    ['a profile that is not a LatencyProfile', { profile: '512' }, /invalid `profile`: must be a LatencyProfile, got '512'/],
    ['a timeout that is not a Duration', { timeout: { amount: 3, unit: 'seconds' } }, /invalid `timeout`: must be a Duration, got an object/],
    ['an architecture that is not an Architecture', { architecture: true }, /invalid `architecture`: must be a lambda\.Architecture, got true/],
    ['an environment that is not an object', { environment: true }, /invalid `environment`: must be an object, got true/],
    ['an environment value that is not a string', { environment: { MODE: 1 } }, /invalid `environment`: MODE is 1, and Lambda takes only strings/],
    ['an environment name Lambda reserves', { environment: { AWS_REGION: 'eu-west-1' } }, /invalid `environment`: "AWS_REGION" is not a name Lambda accepts/],
    ['an environment above 4 KB', { environment: { BIG: 'x'.repeat(4097) } }, /invalid `environment`: its variables take 4100 bytes, above Lambda's 4096/],
    ['a retention CloudWatch Logs does not offer', { logGroupRetention: 2 }, /invalid `logGroupRetention`: 2 is not a retention period CloudWatch Logs offers/],
    ['alarms that are not an object', { alarms: 3 }, /invalid `alarms`: must be an object, got 3/],
    ['a dashboard that is not an object', { dashboard: 'PT3S' }, /invalid `dashboard`: must be an object, got 'PT3S'/],
    ['a rustBuild that is not an object', { rustBuild: '512' }, /invalid `rustBuild`: must be an object, got '512'/],
    ['alarm actions that are a string', { alarmActions: 'arn:aws:sns:us-east-1:123456789012:alerts' }, /invalid `alarmActions`: must be an array of alarm actions, got 'arn:/],
    ['alarm actions holding null', { alarmActions: [null] }, /invalid `alarmActions`: must be an array of alarm actions, got an array/],
    ['an alarm name prefix that is an array', { alarms: { alarmNamePrefix: [512] } }, /invalid `alarms\.alarmNamePrefix`: an array is not 1-200 printable ASCII characters/],
    ['a dashboard name that is a number', { dashboard: { dashboardName: 3 } }, /invalid `dashboard\.dashboardName`: 3 is not 1-255 letters/],
    ['a dashboard switched off with a string', { dashboard: { enabled: 'false' } }, /invalid `dashboard\.enabled`: must be true or false, got 'false'/],
    ['dashboard prices that are not a LambdaCost', { dashboard: { cost: { arm64PerGbSecond: 0.00002 } } }, /invalid `dashboard\.cost`: must be a LambdaCost/],
    ['an alarm period that is not a Duration', { alarms: { errors: { period: 'arm64' } } }, /invalid `alarms\.errors\.period`: must be a Duration, got 'arm64'/],
    ['more evaluated periods than CloudWatch evaluates', { alarms: { throttles: { evaluationPeriods: 10000 } } },
      /invalid `alarms\.throttles\.evaluationPeriods`: 10000 periods of 300 s are more than the 86400 s CloudWatch evaluates/],
    ['a percentile written with an exponent', { alarms: { coldStartInit: { percentile: 1e-7 } } }, /invalid `alarms\.coldStartInit\.percentile`: 1e-7 makes the statistic p1e-7/],
    ['an infinite threshold', { alarms: { warmLatency: { threshold: Duration.millis(Infinity) } } }, /invalid `alarms\.warmLatency\.threshold`: must be a positive duration, got Infinity days/],
  ])('rejects %s as our error', (_, props, message) => {
    expect(attempt(props as any)).toThrow(message);
    expect(attempt(props as any)).toThrow(/^LatencySensitiveFunction 'Test\/Validate': invalid `/);
  });

  test('null props (Python\'s None) are left out', () => {
    synth({ memorySize: null, timeout: null, profile: null, twins: null } as any)
      .template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512, Timeout: 3 });
  });

  test('a missing manifestPath from JavaScript is our error, not a TypeError', () => {
    const stack = stackWithoutBundling();
    expect(() => new LatencySensitiveFunction(stack, 'Validate', {} as LatencySensitiveFunctionProps))
      .toThrow(/invalid `manifestPath`: it is required/);
    expect(() => new LatencySensitiveFunction(stack, 'NoProps', undefined as unknown as LatencySensitiveFunctionProps))
      .toThrow(/LatencySensitiveFunction 'Test\/NoProps': invalid `props`: they are required\. Pass at least \{ manifestPath \}/);
  });

  test('accepts the flags it does not own', () => {
    synth({ rustBuild: { cargoLambdaFlags: ['--features', 'fast-json', '--target', 'aarch64-unknown-linux-gnu'], toolchain: RustToolchain.CARGO_ZIGBUILD } })
      .template.resourceCountIs('AWS::Lambda::Function', 1);
  });
});
