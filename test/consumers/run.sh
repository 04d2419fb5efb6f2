#!/usr/bin/env bash
# Builds the Python wheel and the Java artifact with jsii-pacmak, then runs a Python and a Java
# consumer test against them, the way users of those languages get the library: the wheel in a
# fresh venv with aws-cdk-lib and constructs from PyPI, the jar in a Maven repository of its own
# with everything else from Maven Central. Prints how long each step took.
set -euo pipefail

ROOT=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
HERE=$ROOT/test/consumers
DIST=$ROOT/dist
# Scratch space in the gitignored dist/, away from test/: jest and ESLint would pick up the
# staged copy of the tests there.
WORK=$DIST/consumers
# The versions this library is developed against: the consumers use the same.
CDK_VERSION=$(node -p "require('$ROOT/package.json').devDependencies['aws-cdk-lib']")
CONSTRUCTS_VERSION=$(node -p "require('$ROOT/package.json').devDependencies.constructs")
PYTHON=${PYTHON:-python3}
TIMINGS=()

# timed NAME SECONDS CMD...: runs CMD with a time limit and records its wall time.
timed() {
  local name=$1 limit=$2 start=$SECONDS
  local status=0
  shift 2
  echo "== $name"
  timeout --kill-after=30 "$limit" "$@" || status=$?
  TIMINGS+=("$name: $((SECONDS - start)) s$([[ $status == 0 ]] || echo " (failed: exit $status)")")
  return "$status"
}

report_timings() {
  echo "== timings"
  printf '  %s\n' "${TIMINGS[@]}"
}
trap report_timings EXIT

cd "$ROOT"
# The compile task, not jsii alone: it also makes the lsf bin executable, as jsii's Python and Java wrappers run it directly.
timed "compile" 300 npx projen compile

# pacmak packs the npm tarball from the package folder, and that pack walks every untracked
# file that .npmignore does not exclude: the virtual environments in .venv/ and .test-cache/ made
# `npm pack` die with "Exit handler never called". Pack from a hard-linked copy of what a clean
# clone holds after a compile instead: the tracked files, lib/, .jsii and node_modules/.
rm -rf "$WORK/stage"
mkdir -p "$WORK/stage"
git ls-files -z | xargs -0 cp -al --parents -t "$WORK/stage"
cp -al lib .jsii node_modules "$WORK/stage/"

# The bundled npm dependencies (cargo-lambda-cdk, whose Java artifact is not on Maven Central,
# and the Python alpha module) must not appear in the other languages' dependency lists. Only
# the lists are read: the descriptions mention cargo-lambda.
check_dependencies() {
  echo "$1"
  if grep -Ei 'cargo.lambda|lambda.python.alpha' <<<"$1"; then
    echo "FAIL: a bundled npm dependency is listed as a dependency above" >&2
    exit 1
  fi
}

# Maven names what it could not resolve in a few phrasings; print those lines alone.
unresolved_artifacts() {
  grep -oE "(Could not find artifact|Could not transfer artifact|Failed to read artifact descriptor for|No versions available for) [^ ]+" "$1" | sort -u || true
}

# maven LOG NAME LIMIT ARGS...: a bounded, quiet Maven run in our own repository. It fails with
# exit 3 and the artifacts' names when Maven Central does not serve a dependency (so that CI can
# tell that apart from a failing build or test), with exit 1 otherwise.
maven() {
  local log=$1 name=$2 limit=$3 status=0 missing
  shift 3
  timed "$name" "$limit" mvn -q -B -Dmaven.repo.local="$M2" "$@" >"$log" 2>&1 || status=$?
  cat "$log"
  [[ $status == 0 ]] && return
  missing=$(unresolved_artifacts "$log")
  if [[ -n $missing ]]; then
    printf 'FAIL: %s: not resolved from Maven Central:\n%s\n' "$name" "$missing" >&2
    exit 3
  fi
  echo "FAIL: $name" >&2
  exit 1
}

# Every TypeScript sample (README and docstrings) compiles under jsii-rosetta --strict, and the
# tablet it writes is what pacmak translates the README with for PyPI and Maven.
TABLET=$WORK/stage/.jsii.tabl.json
timed "rosetta (strict)" 600 npx jsii-rosetta extract --strict --compile --output "$TABLET" "$WORK/stage/.jsii"

# The README's "From a checkout" steps, in the staged copy of a clone (pacmak finds the tablet
# beside .jsii). package:java leaves the npm tarball in dist/js too, which the artifact test
# (test/release/artifacts.test.ts, in the jest run after this) checks with the other two.
timed "package:python, package:java (README)" 1800 bash -c "cd '$WORK/stage' && npx projen package:python && npx projen package:java"
rm -rf "$DIST/js" "$DIST/python" "$DIST/java"
mv "$WORK/stage/dist/js" "$WORK/stage/dist/python" "$WORK/stage/dist/java" "$DIST/"
echo "== dependencies of the wheel"
check_dependencies "$(unzip -p "$DIST"/python/*.whl '*.dist-info/METADATA' | grep '^Requires-Dist:')"

"$PYTHON" -m venv --clear "$WORK/venv"
timed "pip install" 600 "$WORK/venv/bin/python" -m pip install --quiet "$DIST"/python/*.whl \
  "aws-cdk-lib==$CDK_VERSION" "constructs==$CONSTRUCTS_VERSION" pytest
# The README's apps synthesize with real bundling; their Rust builds share one target folder.
export LSF_CONSUMER_CARGO_TARGET_DIR=$WORK/cargo-target
LSF_ROSETTA_TABLET=$TABLET LSF_WHEEL=$(ls "$DIST"/python/*.whl) \
  timed "pytest" 1200 "$WORK/venv/bin/python" -m pytest -p no:cacheprovider -v --durations=5 "$HERE/python"

# Java: the jar goes into a Maven repository of its own with the README's install:install-file,
# so that everything else must come from Maven Central (a warm ~/.m2 could hide an artifact
# that Central does not serve).
M2=$WORK/m2
JAR=$(ls "$DIST"/java/io/github/cdk-latency-sensitive-function/cdk-latency-sensitive-function/*/*.jar | grep -v -- '-sources\|-javadoc')
echo "== dependencies of the pom"
check_dependencies "$(grep -A1 '<groupId>' "${JAR%.jar}.pom" | grep '<artifactId>')"
maven "$WORK/mvn-install.log" "mvn install:install-file (our jar)" 600 install:install-file -Dfile="$JAR" -DpomFile="${JAR%.jar}.pom"
# The Java route's lsf, as the README installs it: the npm tarball and esbuild in the app's own
# package.json (without one, npm would install into the nearest folder above that has one).
JAVA_APP=$WORK/java-app
rm -rf "$JAVA_APP" && mkdir -p "$JAVA_APP"
timed "npm install (the Java app's lsf)" 600 bash -c "cd '$JAVA_APP' && npm init -y >/dev/null && npm install --save-dev --no-audit --no-fund '$DIST'/js/*.tgz esbuild"
# As in the shell of a Java user who installed lsf this way: the app's node_modules/.bin on PATH.
PATH="$JAVA_APP/node_modules/.bin:$PATH" maven "$WORK/mvn-test.log" "mvn test (consumer)" 1800 -f "$HERE/java/pom.xml" \
  -Dcdk.version="$CDK_VERSION" -Dconstructs.version="$CONSTRUCTS_VERSION" -Dlsf.javaApp="$JAVA_APP" -Dlsf.cache="$ROOT/.test-cache" test
# -q hides Surefire's summary; print it so that the log shows what ran.
cat "$HERE"/java/target/surefire-reports/*.txt

# The README's Java app compiles against the jar, with the consumer's classpath.
README_JAVA=$WORK/readme-java
rm -rf "$README_JAVA" && mkdir -p "$README_JAVA"
awk '/^```java$/{inside=1; next} /^```$/{inside=0} inside' "$ROOT/README.md" >"$README_JAVA/SignupApp.java"
maven "$WORK/mvn-classpath.log" "mvn classpath (consumer)" 600 -f "$HERE/java/pom.xml" \
  -Dcdk.version="$CDK_VERSION" -Dconstructs.version="$CONSTRUCTS_VERSION" dependency:build-classpath -Dmdep.outputFile="$README_JAVA/classpath.txt"
timed "javac (README's Java app)" 300 javac -d "$README_JAVA/classes" -cp "$(cat "$README_JAVA/classpath.txt")" "$README_JAVA/SignupApp.java"

# ...and synthesizes with real bundling from an app folder of its own, as `cdk synth` runs it:
# no bundling context, and a PATH without this repository's node_modules/.bin.
"$WORK/venv/bin/python" "$HERE/readme_app.py" layout "$README_JAVA/app"
timed "java (README's Java app, bundled synth)" 900 env -C "$README_JAVA/app" -u CDK_CONTEXT_JSON \
  CDK_OUTDIR="$README_JAVA/app/cdk.out" CARGO_TARGET_DIR="$LSF_CONSUMER_CARGO_TARGET_DIR" \
  PATH="$(tr ':' '\n' <<<"$PATH" | grep -v 'node_modules/\.bin/*$' | paste -sd:)" \
  java -cp "$README_JAVA/classes:$(cat "$README_JAVA/classpath.txt")" SignupApp
"$WORK/venv/bin/python" "$HERE/readme_app.py" check "$README_JAVA/app/cdk.out"
