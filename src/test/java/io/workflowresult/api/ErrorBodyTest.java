package io.workflowresult.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

  @Test
  void detailIsCodeAndMessage() throws Exception {
    ErrorBody body =
        read("{\"error\": {\"code\": 42, \"message\": \"two\\nlines\", \"status\": 400}}");

    assertThat(body.detail()).contains("42: two lines");
  }

  @Test
  void detailIsWhicheverOfCodeAndMessageIsThere() throws Exception {
    assertThat(read("{\"error\": {\"message\": \"only message\"}}").detail())
        .contains("only message");
    assertThat(read("{\"error\": {\"code\": \"ONLY_CODE\"}}").detail()).contains("ONLY_CODE");
  }

  @Test
  void noDetailWithoutTheErrorShape() throws Exception {
    assertThat(read("{\"message\": \"x\"}").detail()).isEmpty();
    assertThat(read("Bad Gateway").detail()).isEmpty();
    assertThat(read("Bad Gateway").text()).contains("Bad Gateway");
    assertThat(read("").text()).isEmpty();
  }

  @Test
  void textIsCutToFourKibOnACharacterBoundary() throws Exception {
    // 4095 ASCII bytes then a 3-byte character straddling the 4096-byte limit.
    String text = "a".repeat(4095) + "\u20ac" + "b".repeat(100);

    String kept = read(text).text().orElseThrow();

    assertThat(kept).isEqualTo("a".repeat(4095));
    assertThat(kept.getBytes(UTF_8)).hasSizeLessThanOrEqualTo(ErrorBody.MAX_TEXT_BYTES);
  }

  @Test
  void textOfFourKibExactlyIsKeptWhole() throws Exception {
    String text = "\u00e9".repeat(2048);

    assertThat(read(text).text()).contains(text);
  }

  @Test
  void readsAtMostTheReadLimit() throws Exception {
    ByteArrayInputStream stream =
        new ByteArrayInputStream(new byte[ErrorBody.MAX_READ_BYTES + 1000]);

    ErrorBody.read(stream);

    assertThat(stream.available()).isEqualTo(1000);
  }

  private static ErrorBody read(String body) throws Exception {
    return ErrorBody.read(new ByteArrayInputStream(body.getBytes(UTF_8)));
  }
}
