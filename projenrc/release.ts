import { Task, awscdk, github } from 'projen';

/** The repository the workflows, package.json and Construct Hub point at. */
export const REPOSITORY = 'https://github.com/cdk-latency-sensitive-function/cdk-latency-sensitive-function';

/**
 * The image the build and release jobs run in: the Debian bookworm that .ci/run runs on here,
 * because scripts/setup-toolchain.sh installs Debian's Rust (rustc-web and the arm64 standard
 * library), which Ubuntu runners do not have. buildpack-deps adds git (for checkout and the
 * release tags), curl, gnupg and a C toolchain.
 */
const CI_IMAGE = 'buildpack-deps:bookworm';

/**
 * The checkout belongs to the runner's user, not the container's root, and git refuses to work
 * in it ("dubious ownership"), from projen's first step after the checkout on. As job
 * environment, git's command-line configuration, which is read before any step runs.
 */
const TRUST_CHECKOUT = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'safe.directory', GIT_CONFIG_VALUE_0: '*' };

/**
 * In the build and release jobs, before .ci/run's first half: what .ci/run's machine has and no
 * script of ours installs. Not projen's workflowBootstrapSteps: those also run in the package
 * and publish jobs, on the runner, where apt-get needs sudo and none of this is needed.
 */
const SETUP_STEPS: github.workflows.JobStep[] = [
  {
    name: 'System packages (the Java and Python consumers, the wheel check)',
    run: 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends maven openjdk-17-jdk-headless python3 python3-venv python3-pip unzip',
  },
  {
    // .ci/run's first half; then `projen build`/`projen release` run `npm test`, its second.
    name: 'Quick start (toolchain, Python tools, example synth, scanners, lsf bench)',
    run: './scripts/quickstart.sh',
  },
];

/**
 * After the build: the consumers' scratch space (a venv and a Maven repository, hundreds of MB)
 * is not part of the artifact the package and publish jobs download.
 */
const DROP_SCRATCH: github.workflows.JobStep[] = [{ name: 'Drop the consumers\' scratch space', run: 'rm -rf dist/consumers' }];

/**
 * GitHub workflows, versioning and publishing. The build (pull requests) and release (main)
 * jobs run .ci/run's steps: the quick start, then `projen build`, whose test task is `npm test`
 * (lint, type checks, the example's tests, the consumers, jest).
 */
export const RELEASE_OPTIONS: Partial<awscdk.AwsCdkConstructLibraryOptions> = {
  github: true,
  // No merge queue bot and no scheduled upgrade PRs: the dependencies are pinned on purpose
  // (cargo-lambda-cdk's unexported module, the alpha module on the CDK version).
  githubOptions: { mergify: false, pullRequestLint: true },
  depsUpgrade: false,
  release: true,
  releaseToNpm: true,
  workflowNodeVersion: '22.x',
  workflowContainerImage: CI_IMAGE,
  buildWorkflowOptions: { preBuildSteps: SETUP_STEPS, env: TRUST_CHECKOUT },
  releaseWorkflowSetupSteps: SETUP_STEPS,
  releaseWorkflowEnv: TRUST_CHECKOUT,
  // In both workflows, after `projen build` and `projen release`.
  postBuildSteps: DROP_SCRATCH,
  // Conventional commits decide each bump (below 1.0 a breaking change bumps the minor); the
  // first release is 0.1.0 rather than projen's 0.0.0, which npm users read as "not a release".
  nextVersionCommand: '[ -n "$LATEST_TAG" ] || echo 0.1.0',
};

/**
 * The publish and package jobs run on the runner itself: they need only the artifacts and
 * projen's setup-java/setup-python/setup-node, whose downloads are built for Ubuntu.
 */
export function adjustWorkflows(project: awscdk.AwsCdkConstructLibrary): void {
  const jobsByWorkflow: Record<string, string[]> = {
    build: ['package-js', 'package-java', 'package-python'],
    release: ['release_github', 'release_npm', 'release_maven', 'release_pypi'],
  };
  for (const [name, jobs] of Object.entries(jobsByWorkflow)) {
    const workflow = project.github!.tryFindWorkflow(name)!;
    for (const job of jobs) workflow.file!.addDeletionOverride(`jobs.${job}.container`);
  }
}

/**
 * The guarded public API (build-tools/api-baseline.ts): `api:check` in `npm test`, `api:accept`
 * to update the committed baseline in the same commit as the change.
 */
export function addApiBaselineTasks(project: awscdk.AwsCdkConstructLibrary): Task {
  const script = 'ts-node --transpile-only build-tools/api-baseline.ts';
  project.gitattributes.addAttributes('/api-baseline/assembly.json', 'linguist-generated');
  project.addPackageIgnore('/api-baseline/');
  project.addTask('api:accept', {
    description: 'Accept the compiled public API as the new baseline (api-baseline/assembly.json): commit it with the change',
    steps: [{ spawn: 'compile' }, { exec: `${script} accept` }],
  });
  return project.addTask('api:check', {
    description: 'Fail when the public API differs from api-baseline/assembly.json, naming each member (jsii-diff for what breaks users)',
    steps: [{ spawn: 'compile' }, { exec: `${script} check` }],
  });
}
