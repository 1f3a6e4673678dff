package io.workflowresult.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void textWithinTheCapIsKeptWhole() {
    String text = "\u00e9".repeat(10);

    assertThat(Utf8.cap(text, 20)).isSameAs(text);
  }

  @Test
  void aFourByteCharacterStraddlingTheCapIsLeftOutWhole() {
    // 3 ASCII bytes, then U+1F600 (4 bytes, a surrogate pair in Java) across the 5-byte cap
    String text = "abc\uD83D\uDE00d";

    String kept = Utf8.cap(text, 5);

    assertThat(kept).isEqualTo("abc");
    assertThat(Utf8.cap(text, 7)).isEqualTo("abc\uD83D\uDE00");
  }

  @Test
  void bytesAreCutOnACharacterBoundary() {
    byte[] bytes = ("ab" + "\u20ac").getBytes(UTF_8);

    assertThat(Utf8.cap(bytes, 4)).isEqualTo("ab");
    assertThat(Utf8.cap(bytes, 5)).isEqualTo("ab\u20ac");
  }

  @Test
  void wellFormedBytesDecode() {
    assertThat(Utf8.decode("run-\u00e9".getBytes(UTF_8))).contains("run-\u00e9");
  }

  @Test
  void malformedBytesDoNotDecode() {
    assertThat(Utf8.decode(new byte[] {'a', (byte) 0xC3})).isEmpty();
    assertThat(Utf8.decode(new byte[] {(byte) 0xFF})).isEmpty();
  }

  @Test
  void nullStaysNull() {
    assertThat(Utf8.cap((String) null, 10)).isNull();
  }
}
