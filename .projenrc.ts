import { JsonFile, awscdk, javascript } from 'projen';
import { RELEASE_OPTIONS, REPOSITORY, addApiBaselineTasks, adjustWorkflows } from './projenrc/release';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-latency-sensitive-function',
  // One line, as Construct Hub and the registries show it in search results.
  description:
    'A CDK construct that builds a Rust Lambda handler for arm64 with cargo-lambda, applies a latency profile and watches its cold starts.',
  author: 'cdk-latency-sensitive-function developers',
  authorAddress: 'dev@example.com',
  repositoryUrl: `${REPOSITORY}.git`,
  homepage: REPOSITORY,
  // `awscdk` is how Construct Hub finds construct libraries; the rest is what users search for.
  keywords: ['awscdk', 'aws-cdk', 'cdk', 'construct', 'lambda', 'aws-lambda', 'rust', 'cargo-lambda', 'cold-start', 'arm64', 'latency', 'cloudwatch'],
  // Until 1.0: Construct Hub labels the API experimental, and breaking changes bump the minor.
  stability: 'experimental',
  defaultReleaseBranch: 'main',
  ...RELEASE_OPTIONS,
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  // Node 22: jsii's runtime calls Node 20 end-of-life, and AWS SDK releases after early January
  // 2027 need 22. scripts/setup-node.sh provides it where the machine's Node is older.
  minNodeVersion: '22.0.0',

  cdkVersion: '2.261.0',
  constructsVersion: '10.5.1',
  // TypeScript and jsii on the same minor: the npm "latest" TypeScript (7.x) breaks ts-node and ts-jest.
  typescriptVersion: '~5.9.0',
  jsiiVersion: '~5.9.0',

  // Bundled, not peer: cargo-lambda-cdk's Java artifact is not on Maven Central, and none of its
  // types appear in our API. Pinned because we use its (unexported) Bundling module.
  bundledDeps: [
    'cargo-lambda-cdk@0.0.36',
    'smol-toml@^1.9.1',
    '@aws-cdk/aws-lambda-python-alpha@2.261.0-alpha.0',
    // The lsf command line: argument parsing, progress bar, tables, statistics.
    'commander@^14',
    'cli-progress@^3.12',
    'cli-table3@^0.6',
    'simple-statistics@^7',
    // lsf compare: the AWS SDK for JavaScript v3, with the user's own credential chain and region.
    '@aws-sdk/client-lambda@^3',
    '@aws-sdk/client-cloudformation@^3',
    // lsf fleet: the ranking query over the fleet's log groups (Logs Insights StartQuery, GetQueryResults).
    '@aws-sdk/client-cloudwatch-logs@^3',
  ],
  devDeps: ['@types/jest@^29', 'jest@^29', 'ts-jest@^29', 'ts-node@^10', '@types/cli-progress@^3.11', 'aws-cdk@^2.1148.0', 'esbuild@^0.25', 'zod@4.6.7', 'fast-check@^4', 'cdk-nag@^3'],

  publishToPypi: {
    distName: 'cdk-latency-sensitive-function',
    module: 'cdk_latency_sensitive_function',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdklatencysensitivefunction',
    mavenGroupId: 'io.github.cdk-latency-sensitive-function',
    mavenArtifactId: 'cdk-latency-sensitive-function',
    // Maven Central through the Central Portal (publib's OSSRH staging API), not GitHub Packages:
    // cargo-lambda-cdk's users cannot resolve its Java artifact from GitHub Packages without a token.
    mavenServerId: 'central-ossrh',
  },

  jestOptions: {
    jestVersion: '^29',
    // A run that executes no test is a failure, and snapshots never rewrite themselves.
    passWithNoTests: false,
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/target/', '<rootDir>/dist/', '<rootDir>/.test-cache/'],
      modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.test-cache/'],
      watchPathIgnorePatterns: ['/node_modules/', '/target/'],
    },
  },

  // .tools/: aws-lambda-rie, installed by scripts/setup-rie.sh for the test/oracle tests.
  // dev/: development tools (the loopback Lambda API); benchmarks/: the synth benchmark. Linted, not shipped.
  eslintOptions: { dirs: ['src'], devdirs: ['test', 'build-tools', 'projenrc', 'dev', 'benchmarks'] },

  gitignore: ['cdk.out/', 'target/', '.test-cache/', '__pycache__/', '*.pyc', '/.venv/', '.pytest_cache/', '/.tools/', '/.jsii.tabl.json'],
});

// scripts/setup-toolchain.sh ships with the package: users run it to build arm64 without Docker.
// The development scripts stay out of it: only setup-toolchain.sh is for users.
const devScripts = ['quickstart.sh', 'setup-node.sh', 'node-path.sh', 'setup-rie.sh'].map((script) => `/scripts/${script}`);
// requirements-dev.txt: the Python tools of the tests (cfn-lint, checkov, pytest), not the user's.
for (const ignored of ['/examples/', '/benchmarks/', '/dev/', '/build-tools/', '/.ci/', ...devScripts, '/requirements-dev.txt', '/.venv/', '/.test-cache/', '/.tools/', 'target/', 'cdk.out/']) {
  project.addPackageIgnore(ignored);
}

// The development tools, build tools and benchmarks are type-checked and linted like the tests
// (eslint's project service finds each folder's own tsconfig).
for (const folder of ['dev', 'build-tools', 'benchmarks']) {
  new JsonFile(project, `${folder}/tsconfig.json`, {
    obj: { extends: '../tsconfig.json', compilerOptions: { noEmit: true, rootDir: '..', module: 'commonjs', moduleResolution: 'node' }, include: ['**/*.ts'], exclude: ['node_modules'] },
  });
}

// jsii warnings fail the build: a reserved word in the API would break a language binding.
project.compileTask.reset('jsii --fail-on-warnings');
// The bin must be executable in the package itself: jsii's Python and Java wrappers run the
// file directly (npm sets the bit only on the link it makes).
project.compileTask.exec('chmod +x lib/lsf/cli/lsf.js');

project.addBins({ lsf: 'lib/lsf/cli/lsf.js' });
// npm 11.21 and later run a dependency's install script only when package.json allows it. esbuild's
// (the Node twin's bundler) checks its platform binary and fetches it when optional dependencies
// were skipped: allowed, name only, so that an esbuild upgrade does not need a new approval.
project.package.addField('allowScripts', { esbuild: true });

// API docs in each language beside API.md (TypeScript): what Python and Java users read,
// with the examples translated.
for (const language of ['python', 'java']) {
  project.tasks.tryFind('docgen')!.exec(`jsii-docgen -l ${language} -o docs/API.${language}.md`);
}

// Every task runs on the project's own Node 22 where the machine's Node is older
// (scripts/setup-node.sh installs it; the quick start runs that): the tests, jsii, the consumers.
project.tasks.addEnvironment('PATH', '$(bash scripts/node-path.sh)');

// What a user runs in their own app's folder: cdk synth, then lsf bench on its cloud assembly.
project.addTask('example:bench', {
  description: 'lsf bench on examples/form-validation: cdk synth (real builds), then the local side-by-side benchmark from its cloud assembly',
  steps: [
    { spawn: 'compile' },
    { exec: 'cd examples/form-validation && cdk synth --quiet --no-notices' },
    // The compiled command, as users run it: under ts-node the harness process is twice the size,
    // and Node's fork to spawn each runtime (part of every cold start it times) costs more.
    { exec: 'cd examples/form-validation && node ../../lib/lsf/cli/lsf.js bench --cases cases.jsonl', receiveArgs: true },
  ],
});

project.addTask('example:compare', {
  description: 'lsf compare without AWS: the example pair behind the loopback Lambda API of the tests',
  exec: 'ts-node --transpile-only dev/compare-local.ts',
  receiveArgs: true,
});

// The library's fast loop: everything but the lsf tool's end-to-end runs, the oracle and the
// examples, and the release checks (docs/architecture.md says what each folder holds).
project.addTask('test:library', {
  description: 'Jest on the construct library alone (the fast loop; npm test runs everything)',
  exec: 'jest --coverage=false --testPathIgnorePatterns /node_modules/ /cdk.out/ /target/ "<rootDir>/(dist|\\.test-cache|test/lsf|test/dev|test/oracle|test/examples|test/release)/"',
  receiveArgs: true,
});

// The wheel's lsf: jsii's bin script unpacks the package tarballs into a temporary folder on
// every run (10 to 40 s before --help); ours unpacks them once into a versioned cache.
project.tasks.tryFind('package:python')!.exec('python3 build-tools/python/replace_lsf_script.py dist/python');
// The jar route's lsf is the npm package's: package:java leaves its tarball in dist/js too
// (one pack serves both targets), for `npm install --no-save dist/js/*.tgz` in a Java app.
project.tasks.tryFind('package:java')!.reset('jsii-pacmak -v --target java --target js');

project.addTask('consumers', {
  description: 'Build the Python wheel and the Java artifact, and run the Python and Java consumer tests',
  exec: 'bash test/consumers/run.sh',
});

// The README's "Package sizes" table, from the tarball that consumers or package-all built.
project.addTask('package:sizes', {
  description: 'What makes up the npm tarball (carried whole by the wheel and the jar): library and lsf code and bundled dependencies',
  exec: 'ts-node --transpile-only build-tools/package-sizes.ts dist/js/*.jsii.tgz',
});

project.addTask('benchmark:synth', {
  description: 'Synth benchmark: construct overhead against a bare RustFunction, an unchanged second synth, bootstrap size',
  exec: 'ts-node --transpile-only benchmarks/synth-benchmark.ts',
  receiveArgs: true,
});

project.addTask('benchmark:workspace', {
  description: 'Workspace synth benchmark: synth time of 1, 2, 4 and 8 functions built from one Cargo workspace, cold and warm, and the cost of each function after the first',
  exec: 'ts-node --transpile-only benchmarks/workspace-benchmark.ts',
  receiveArgs: true,
});

// Lint, then the example's Rust and Python tests, the Python and Java consumers of the
// packages, then jest, so that the test command ends
// with jest's own summary line. The Python tools live in .venv (scripts/quickstart.sh).
project.testTask.reset();
project.testTask.spawn(project.eslint!.eslintTask);
// ts-jest does not type-check test files; this does.
for (const folder of ['test', 'dev', 'build-tools', 'benchmarks']) project.testTask.exec(`tsc --noEmit -p ${folder}/tsconfig.json`);
project.testTask.exec('cargo test --quiet --manifest-path examples/form-validation/rust/Cargo.toml');
project.testTask.exec('.venv/bin/python -m pytest -q -p no:cacheprovider examples/form-validation/twin-python');
project.testTask.spawn(project.tasks.tryFind('consumers')!);
// After the consumers' compile: a public API change without the baseline updated fails here.
project.testTask.spawn(addApiBaselineTasks(project));
project.testTask.exec('jest --ci', { receiveArgs: true });

adjustWorkflows(project);

project.synth();
