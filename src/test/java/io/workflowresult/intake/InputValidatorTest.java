package io.workflowresult.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.delay.learned.RunHints;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InputValidatorTest {
  private final InputValidator validator = new InputValidator();

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("null value", null, "null value"),
        Arguments.of("empty", new byte[0], "empty"),
        Arguments.of("whitespace", utf8(" \t \n "), "whitespace"),
        Arguments.of("not UTF-8", new byte[] {(byte) 0xC3, (byte) 0x28, 'a'}, "UTF-8"),
        Arguments.of("lone continuation byte", new byte[] {'a', (byte) 0x80}, "UTF-8"),
        Arguments.of("not JSON object", utf8("{\"workflowRunId\": "), "not JSON"),
        Arguments.of("trailing garbage", utf8("{\"workflowRunId\":\"a\"} x"), "not JSON"),
        Arguments.of("not JSON array", utf8("[1, 2"), "not JSON"),
        Arguments.of("JSON array", utf8("[\"run-1\"]"), "not an object"),
        Arguments.of("no ID", utf8("{\"id\":\"run-1\"}"), "without workflowRunId"),
        Arguments.of("null ID", utf8("{\"workflowRunId\":null}"), "without workflowRunId"),
        Arguments.of("numeric ID", utf8("{\"workflowRunId\":42}"), "not a string"),
        Arguments.of("nested ID", utf8("{\"workflowRunId\":{\"id\":\"x\"}}"), "not a string"),
        Arguments.of("nested only", utf8("{\"run\":{\"workflowRunId\":\"x\"}}"), "without"),
        Arguments.of("empty ID", utf8("{\"workflowRunId\":\"\"}"), "empty run ID"),
        Arguments.of("blank ID", utf8("{\"workflowRunId\":\"   \"}"), "empty run ID"),
        Arguments.of("257 chars", utf8("r".repeat(257)), "more than 256"),
        Arguments.of(
            "257 chars in JSON",
            utf8("{\"workflowRunId\":\"" + "r".repeat(257) + "\"}"),
            "more than 256"),
        Arguments.of("newline inside", utf8("run\n1"), "control"),
        Arguments.of("NUL inside", utf8("run\u00001"), "control"),
        Arguments.of("DEL inside", utf8("run\u007f1"), "control"),
        Arguments.of("C1 control", utf8("run\u00851"), "control"),
        Arguments.of(
            "escaped control in JSON", utf8("{\"workflowRunId\":\"a\\u0007b\"}"), "control"),
        Arguments.of(
            "duplicate keys",
            utf8("{\"workflowRunId\":\"a\",\"workflowRunId\":\"b\"}"),
            "not JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void rejectsBadInput(String name, byte[] value, String because) {
    InputVerdict verdict = validator.validate(value);
    assertThat(verdict).isInstanceOf(InputVerdict.Invalid.class);
    assertThat(((InputVerdict.Invalid) verdict).detail()).contains(because);
  }

  static Stream<Arguments> goodInputs() {
    return Stream.of(
        Arguments.of("run-1", "run-1"),
        Arguments.of("  run-1 \n", "run-1"),
        Arguments.of("{\"workflowRunId\":\"run-1\"}", "run-1"),
        Arguments.of(" {\"workflowRunId\":\" run-1 \", \"other\": [1, {\"x\": null}]} ", "run-1"),
        Arguments.of("r".repeat(256), "r".repeat(256)),
        Arguments.of("ラン-1", "ラン-1"),
        Arguments.of("😀".repeat(256), "😀".repeat(256)),
        Arguments.of("run 1", "run 1"),
        Arguments.of("\"quoted\"", "\"quoted\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodInputs")
  void acceptsRunIds(String input, String runId) {
    assertThat(validator.validate(utf8(input))).isEqualTo(new InputVerdict.Valid(runId));
  }

  @Test
  void aJsonInputCarriesItsHints() {
    InputVerdict verdict =
        validator.validate(
            utf8(
                "{\"workflowRunId\":\"run-1\",\"workflowId\":\"wf-1\",\"startTime\":1767225600000}"));

    assertThat(verdict)
        .isEqualTo(
            new InputVerdict.Valid(
                "run-1",
                new RunHints(Optional.of("wf-1"), OptionalLong.of(1767225600000L)),
                List.of()));
  }

  @Test
  void aHintOfTheWrongTypeIsIgnoredAndNamedNeverADeadLetter() {
    InputVerdict verdict =
        validator.validate(utf8("{\"workflowRunId\":\"run-1\",\"startTime\":\"yesterday\"}"));

    assertThat(verdict)
        .isEqualTo(new InputVerdict.Valid("run-1", RunHints.NONE, List.of("startTime")));
  }

  @Test
  void aBareIdHasNoHints() {
    assertThat(validator.validate(utf8("{\"workflowId\":\"wf-1\"}")))
        .isInstanceOf(InputVerdict.Invalid.class);
    assertThat(((InputVerdict.Valid) validator.validate(utf8("run-1"))).hints())
        .isEqualTo(RunHints.NONE);
  }

  @Test
  void countsCharactersNotUtf16Units() {
    assertThat(validator.validate(utf8("😀".repeat(257)))).isInstanceOf(InputVerdict.Invalid.class);
  }
}
