"""The library as a Python user gets it: the jsii wheel, used from a CDK app and asserted on."""

from pathlib import Path

import pytest
from aws_cdk import App, Stack
from aws_cdk import aws_sns as sns
from aws_cdk.assertions import Match, Template
from aws_cdk.aws_cloudwatch_actions import SnsAction
from cdk_latency_sensitive_function import LatencyProfile, LatencySensitiveFunction, Twin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
RUST_HELLO = str(FIXTURES / "rust-hello")


def stack_without_bundling() -> Stack:
    # Skipping bundling keeps cargo-lambda and pip out of the test; the construct still reads
    # the Cargo.toml and checks the twin's folder.
    return Stack(App(context={"aws:cdk:bundling-stacks": []}), "Consumer")


def python_twin() -> Twin:
    return Twin.python(entry=str(FIXTURES / "python-twin"), index="handler.py")


@pytest.fixture(scope="module")
def synthesized():
    stack = stack_without_bundling()
    alerts = sns.Topic(stack, "Alerts")
    fn = LatencySensitiveFunction(
        stack, "Validate",
        manifest_path=RUST_HELLO,
        profile=LatencyProfile.REAL_TIME_API,
        twins=[python_twin()],
        alarm_actions=[SnsAction(alerts)],
    )
    return stack, alerts, fn, Template.from_stack(stack)


def functions_by_runtime(template: Template) -> dict:
    functions = template.find_resources("AWS::Lambda::Function").values()
    return {f["Properties"]["Runtime"]: f["Properties"] for f in functions}


def test_rust_function_is_arm64_al2023_sized_by_the_profile(synthesized):
    _, _, fn, template = synthesized
    assert (fn.profile.memory_size, fn.profile.timeout.to_seconds()) == (1769, 5)
    assert fn.binary_name == "hello-lambda"
    template.has_resource_properties("AWS::Lambda::Function", {
        "Runtime": "provided.al2023",
        "Handler": "bootstrap",
        "Architectures": ["arm64"],
        "MemorySize": 1769,
        "Timeout": 5,
        "LoggingConfig": Match.object_like({"LogFormat": "JSON"}),
    })


def test_python_twin_runs_on_equal_terms(synthesized):
    _, _, fn, template = synthesized
    functions = functions_by_runtime(template)
    assert sorted(functions) == ["provided.al2023", "python3.13"]
    rust, twin = functions["provided.al2023"], functions["python3.13"]
    for key in ("Architectures", "MemorySize", "Timeout"):
        assert twin[key] == rust[key], key
    assert twin["Handler"] == "handler.handler"
    assert twin["LoggingConfig"]["LogFormat"] == "JSON"
    assert [t.name for t in fn.twins] == ["python"]
    assert fn.twins[0].lambda_function is not None


def test_every_alarm_notifies_the_topic_and_the_twin_has_none(synthesized):
    stack, alerts, _, template = synthesized
    alarms = template.find_resources("AWS::CloudWatch::Alarm").values()
    topic = stack.resolve(alerts.topic_arn)
    # Five alarms: init p99, cold-start rate, warm p99, errors, throttles, all of the Rust function.
    assert len(alarms) == 5
    for alarm in alarms:
        assert alarm["Properties"]["AlarmActions"] == [topic]


@pytest.mark.parametrize("prop, value", [
    ("memory_size", "1024"),
    ("twins", {"entry": str(FIXTURES / "python-twin"), "index": "handler.py"}),
])
def test_a_wrong_type_fails_naming_the_prop(prop, value):
    # jsii's generated type checks reject it before it reaches the construct, e.g. "type of
    # argument memory_size must be one of (int, float, NoneType); got str instead".
    with pytest.raises(TypeError, match=rf"argument {prop} must be .*; got {type(value).__name__} instead"):
        LatencySensitiveFunction(stack_without_bundling(), "Validate", manifest_path=RUST_HELLO, **{prop: value})
