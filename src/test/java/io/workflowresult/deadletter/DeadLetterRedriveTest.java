package io.workflowresult.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a redrive gets the original bytes back from an {@code INVALID_INPUT} letter. */
class DeadLetterRedriveTest {
  @Test
  void textInputComesBackAsItsUtf8Bytes() {
    DeadLetter letter = DeadLetters.invalidInput("{oops".getBytes(StandardCharsets.UTF_8), "x", 1L);

    assertThat(DeadLetterRedrive.originalInput(letter))
        .hasValueSatisfying(b -> assertThat(b).asString().isEqualTo("{oops"));
  }

  @Test
  void inputThatWasNotUtf8ComesBackFromBase64() {
    byte[] value = {(byte) 0xFF, (byte) 0xFE, 0x41};
    DeadLetter letter = DeadLetters.invalidInput(value, "not UTF-8", 1L);

    assertThat(DeadLetterRedrive.originalInput(letter)).hasValue(value);
  }

  @Test
  void truncatedInputIsNotSentBack() {
    byte[] value = "x".repeat(DeadLetters.MAX_INPUT_BYTES + 1).getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = DeadLetters.invalidInput(value, "too long", 1L);

    assertThat(letter.inputTruncated()).isTrue();
    assertThat(DeadLetterRedrive.originalInput(letter)).isEmpty();
  }
}
