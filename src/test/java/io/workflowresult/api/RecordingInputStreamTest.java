package io.workflowresult.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class RecordingInputStreamTest {

  private static final int TAIL = RecordingInputStream.TAIL_BYTES;

  @Test
  void keepsEveryByteRead() throws Exception {
    RecordingInputStream recorder = recorder("0123456789");

    recorder.readNBytes(10);

    assertThat(text(recorder.slice(2, 7))).isEqualTo("23456");
  }

  @Test
  void keepsARegionThatStaysUnderItsLimit() throws Exception {
    RecordingInputStream recorder = recorder("abcdefghij");
    recorder.readNBytes(3);
    recorder.beginDroppable(3, 5);
    recorder.readNBytes(4);

    assertThat(recorder.endDroppable(7)).isFalse();
    recorder.readNBytes(3);
    assertThat(text(recorder.slice(0, 10))).isEqualTo("abcdefghij");
  }

  @Test
  void releasesARegionPastItsLimitAndKeepsWhatFollows() throws Exception {
    RecordingInputStream recorder = recorder("head:" + "x".repeat(1000) + ":rest");
    recorder.readNBytes(5);
    recorder.beginDroppable(5, 100);
    recorder.readNBytes(1002);

    assertThat(recorder.endDroppable(1005)).isTrue();
    recorder.readNBytes(5);
    assertThat(text(recorder.slice(0, 5))).isEqualTo("head:");
    assertThat(text(recorder.slice(1005, 1010))).isEqualTo(":rest");
    assertThatThrownBy(() -> recorder.slice(0, 1010)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepsOnlyTheTailWhileSkippingAndResumesInIt() throws Exception {
    int skipped = 5 * TAIL;
    RecordingInputStream recorder = recorder("x".repeat(skipped) + "{\"after\": 1}");
    recorder.beginDroppable(0, 10);
    recorder.readNBytes(skipped / 2);
    // One read larger than the tail itself.
    byte[] large = new byte[skipped / 2 + 4];
    assertThat(recorder.read(large, 0, large.length)).isEqualTo(large.length);

    assertThat(recorder.endDroppable(skipped)).isTrue();
    recorder.readNBytes(100);
    assertThat(text(recorder.slice(skipped, skipped + 12))).isEqualTo("{\"after\": 1}");
    assertThat(recorder.peakHeldBytes()).isLessThanOrEqualTo(2L * TAIL + 16384);
  }

  @Test
  void refusesToResumeBeforeTheKeptTail() throws Exception {
    RecordingInputStream recorder = recorder("y".repeat(3 * TAIL));
    recorder.beginDroppable(0, 0);
    recorder.readNBytes(3 * TAIL);

    assertThatThrownBy(() -> recorder.endDroppable(10)).isInstanceOf(IllegalStateException.class);
  }

  private static RecordingInputStream recorder(String content) {
    return new RecordingInputStream(new ByteArrayInputStream(content.getBytes(UTF_8)));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }
}
