package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdklatencysensitivefunction.LatencySensitiveFunction;
import io.github.cdklatencysensitivefunction.NodeTwinOptions;
import io.github.cdklatencysensitivefunction.Twin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.lambda.Architecture;

/**
 * The Java route to lsf, as the README gives it: `npm install --no-save <tarball> esbuild` in the
 * app's folder (run.sh did it), then the lsf that npx finds there, on an app synthesized in Java.
 */
class LsfRouteTest {
  private static final Path FIXTURES = Path.of(System.getProperty("lsf.fixtures")).normalize();
  private static final Path JAVA_APP = Path.of(System.getProperty("lsf.javaApp"));

  @Test
  void lsfBenchMeasuresAJavaAppsRustFunctionAndNodeTwin(@TempDir Path out) throws IOException, InterruptedException {
    Path benchApp = FIXTURES.resolve("bench-app");
    App app = App.Builder.create().outdir(out.toString()).context(Map.of("aws:cdk:bundling-stacks", List.of())).build();
    LatencySensitiveFunction.Builder.create(new Stack(app, "ShoutFromJava"), "Shout")
        .manifestPath(benchApp.resolve("rust").toString())
        .binaryName("shout")
        .architecture(Architecture.X86_64)
        .twins(List.of(Twin.node(NodeTwinOptions.builder()
            .entry(benchApp.resolve("twins/js/shout.js").toString())
            .handler("shout")
            .build())))
        .build();
    String assembly = app.synth().getDirectory();

    // The bin that npx finds for `lsf` in the app: the package's own, which npm linked into node_modules/.bin.
    Path lsf = JAVA_APP.resolve("node_modules/.bin/lsf");
    assertTrue(Files.isExecutable(lsf), lsf + " is missing: run.sh installs it as the README says");
    Path log = out.resolve("lsf.log");
    Process bench = new ProcessBuilder(lsf.toString(), "bench", "--app", assembly, "--event", benchApp.resolve("event.json").toString(),
        "--cold", "1", "--warm", "2", "--cache-dir", System.getProperty("lsf.cache"))
        .directory(JAVA_APP.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    assertTrue(bench.waitFor(15, TimeUnit.MINUTES), "lsf bench did not finish in 15 minutes");
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, bench.exitValue(), output);
    assertTrue(output.contains("Shout: 1 cold starts and 2 warm invocations per runtime, interleaved; parity 1 cases x rust, node: all equal"), output);
  }
}
