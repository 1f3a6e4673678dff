package io.workflowresult.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * UTF-8 text: bytes read strictly, and text cut to a size in bytes, never inside a character. The
 * one place either is done.
 */
public final class Utf8 {
  private Utf8() {}

  /** {@code bytes} as text when they are well-formed UTF-8; empty otherwise. */
  public static Optional<String> decode(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** {@code text} cut to at most {@code maxBytes} UTF-8 bytes; {@code null} stays {@code null}. */
  public static String cap(String text, int maxBytes) {
    if (text == null || text.length() * 3L <= maxBytes) {
      return text;
    }
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    return utf8.length <= maxBytes ? text : cap(utf8, maxBytes);
  }

  /**
   * The first at most {@code maxBytes} of {@code bytes}, cut back to a character boundary, as text
   * (bytes that are not UTF-8 read as U+FFFD).
   */
  public static String cap(byte[] bytes, int maxBytes) {
    int length = bytes.length;
    if (length > maxBytes) {
      length = maxBytes;
      // bytes[length] is the first byte left out: do not split the character it continues.
      while (length > 0 && (bytes[length] & 0xC0) == 0x80) {
        length--;
      }
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
