package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.cdklatencysensitivefunction.LatencyProfile;
import io.github.cdklatencysensitivefunction.LatencySensitiveFunction;
import io.github.cdklatencysensitivefunction.PythonTwinOptions;
import io.github.cdklatencysensitivefunction.Twin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;

/** The library as a Java user gets it: the jsii jar, used from a CDK app and asserted on. */
class ConsumerTest {
  private static final Path FIXTURES = Path.of(System.getProperty("lsf.fixtures")).normalize();

  private static Stack stack;
  private static Topic alerts;
  private static LatencySensitiveFunction fn;
  private static Template template;

  @BeforeAll
  static void synthesize() {
    // Skipping bundling keeps cargo-lambda and pip out of the test; the construct still reads
    // the Cargo.toml and checks the twin's folder.
    App app = App.Builder.create().context(Map.of("aws:cdk:bundling-stacks", List.of())).build();
    stack = new Stack(app, "Consumer");
    alerts = new Topic(stack, "Alerts");
    fn = LatencySensitiveFunction.Builder.create(stack, "Validate")
        .manifestPath(FIXTURES.resolve("rust-hello").toString())
        .profile(LatencyProfile.REAL_TIME_API)
        .twins(List.of(Twin.python(PythonTwinOptions.builder()
            .entry(FIXTURES.resolve("python-twin").toString())
            .index("handler.py")
            .build())))
        .alarmActions(List.of(new SnsAction(alerts)))
        .build();
    template = Template.fromStack(stack);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> functionsByRuntime() {
    Map<String, Map<String, Object>> byRuntime = new TreeMap<>();
    for (Map<String, Object> resource : template.findResources("AWS::Lambda::Function").values()) {
      Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
      byRuntime.put((String) properties.get("Runtime"), properties);
    }
    return byRuntime;
  }

  @Test
  void rustFunctionIsArm64Al2023SizedByTheProfile() {
    assertEquals(1769, fn.getProfile().getMemorySize().intValue());
    assertEquals("hello-lambda", fn.getBinaryName());
    template.hasResourceProperties("AWS::Lambda::Function", Map.of(
        "Runtime", "provided.al2023",
        "Handler", "bootstrap",
        "Architectures", List.of("arm64"),
        "MemorySize", 1769,
        "Timeout", 5,
        "LoggingConfig", Match.objectLike(Map.of("LogFormat", "JSON"))));
  }

  @Test
  void pythonTwinRunsOnEqualTerms() {
    Map<String, Map<String, Object>> functions = functionsByRuntime();
    assertEquals(List.of("provided.al2023", "python3.13"), List.copyOf(functions.keySet()));
    Map<String, Object> rust = functions.get("provided.al2023");
    Map<String, Object> twin = functions.get("python3.13");
    for (String key : List.of("Architectures", "MemorySize", "Timeout")) {
      assertEquals(rust.get(key), twin.get(key), key);
    }
    assertEquals("handler.handler", twin.get("Handler"));
    assertEquals("python", fn.getTwins().get(0).getName());
    assertNotNull(fn.getTwins().get(0).getLambdaFunction());
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlarmNotifiesTheTopicAndTheTwinHasNone() {
    Map<String, Map<String, Object>> alarms = template.findResources("AWS::CloudWatch::Alarm");
    // Five alarms: init p99, cold-start rate, warm p99, errors, throttles, all of the Rust function.
    assertEquals(5, alarms.size());
    Object topic = stack.resolve(alerts.getTopicArn());
    for (Map<String, Object> alarm : alarms.values()) {
      assertEquals(List.of(topic), ((Map<String, Object>) alarm.get("Properties")).get("AlarmActions"));
    }
  }
}
