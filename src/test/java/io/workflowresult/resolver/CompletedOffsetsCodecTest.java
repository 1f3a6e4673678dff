package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompletedOffsetsCodecTest {
  private static final int MAX = CompletedOffsetsCodec.BROKER_DEFAULT_MAX_CHARS;

  private static CompletedOffsets ranges(long... startEndPairs) {
    CompletedOffsets.Builder b = CompletedOffsets.builder();
    for (int i = 0; i < startEndPairs.length; i += 2) {
      b.add(startEndPairs[i], startEndPairs[i + 1]);
    }
    return b.build();
  }

  /** Every other offset of {@code count} after {@code position} complete: the densest mix. */
  private static CompletedOffsets alternating(long position, int count) {
    CompletedOffsets.Builder b = CompletedOffsets.builder();
    for (int i = 0; i < count; i++) {
      b.add(position + 1 + 2L * i, position + 2 + 2L * i);
    }
    return b.build();
  }

  @Test
  void roundTripsFewWideRanges() {
    CompletedOffsets done = ranges(1_000_001, 1_000_500, 1_002_000, 1_900_000);
    CompletedOffsetsCodec.Encoded e = CompletedOffsetsCodec.encode(1_000_000, done, MAX);
    assertThat(e.leftOut()).isZero();
    assertThat(e.metadata()).startsWith("wrp1:").hasSizeLessThan(40);
    assertThat(CompletedOffsetsCodec.decode(e.metadata(), 1_000_000)).hasValue(done);
  }

  @Test
  void roundTripsADenseMixAsABitset() {
    Random random = new Random(7);
    CompletedOffsets.Builder b = CompletedOffsets.builder();
    for (long o = 501; o < 10_500; o++) {
      if (random.nextBoolean()) {
        b.add(o, o + 1);
      }
    }
    CompletedOffsets done = b.build();
    CompletedOffsetsCodec.Encoded e = CompletedOffsetsCodec.encode(500, done, MAX);
    assertThat(e.leftOut()).isZero();
    assertThat(e.metadata().length())
        .as("10,000 offsets in a bitset: 1,250 bytes, about 1,670 in base64")
        .isLessThan(1_700);
    assertThat(CompletedOffsetsCodec.decode(e.metadata(), 500)).hasValue(done);
  }

  @Test
  void aRangeStartingAtThePositionItselfRoundTrips() {
    CompletedOffsets done = ranges(42, 50);
    String metadata = CompletedOffsetsCodec.encode(42, done, MAX).metadata();
    assertThat(CompletedOffsetsCodec.decode(metadata, 42)).hasValue(done);
  }

  @Test
  void nothingCompletedIsNoMetadata() {
    CompletedOffsetsCodec.Encoded e = CompletedOffsetsCodec.encode(9, CompletedOffsets.NONE, MAX);
    assertThat(e.metadata()).isEmpty();
    assertThat(CompletedOffsetsCodec.decode("", 9)).isEmpty();
  }

  @Test
  void whatDoesNotFitIsLeftOutFromTheEndAndSaidSo() {
    CompletedOffsets done = alternating(0, 100_000);
    CompletedOffsetsCodec.Encoded e = CompletedOffsetsCodec.encode(0, done, MAX);

    assertThat(e.metadata().length()).isLessThanOrEqualTo(MAX);
    assertThat(e.offsets())
        .as("a 4,096-character bitset holds about 12,000 of them")
        .isBetween(11_000L, 12_300L);
    assertThat(e.offsets() + e.leftOut()).isEqualTo(100_000);
    CompletedOffsets decoded = CompletedOffsetsCodec.decode(e.metadata(), 0).orElseThrow();
    assertThat(decoded).as("the first ones, each of them complete").isEqualTo(decoded.from(0));
    assertThat(decoded.count()).isEqualTo(e.offsets());
    for (int i = 0; i < decoded.ranges(); i++) {
      assertThat(decoded.start(i)).isEqualTo(1 + 2L * i);
      assertThat(decoded.end(i)).isEqualTo(2 + 2L * i);
    }
  }

  @Test
  void aSmallerLimitIsKept() {
    CompletedOffsets done = alternating(100, 5_000);
    for (int max : new int[] {0, 5, 12, 64, 300, 1_000}) {
      CompletedOffsetsCodec.Encoded e = CompletedOffsetsCodec.encode(100, done, max);
      assertThat(e.metadata().length()).as("limit %d", max).isLessThanOrEqualTo(max);
      assertThat(CompletedOffsetsCodec.decode(e.metadata(), 100).map(CompletedOffsets::count))
          .as("limit %d", max)
          .isEqualTo(
              e.offsets() == 0 ? java.util.Optional.empty() : java.util.Optional.of(e.offsets()));
    }
  }

  @Test
  void metadataForAnotherPositionIsIgnored() {
    String metadata = CompletedOffsetsCodec.encode(100, ranges(101, 200), MAX).metadata();
    assertThat(CompletedOffsetsCodec.decode(metadata, 100)).isPresent();
    assertThat(CompletedOffsetsCodec.decode(metadata, 99)).isEmpty();
    assertThat(CompletedOffsetsCodec.decode(metadata, 150)).isEmpty();
  }

  @Test
  void foreignMetadataIsIgnored() {
    for (String foreign :
        new String[] {
          "", "consumer-1", "{\"lag\":3}", "wrp1", "wrp1:", "wrp2:" + "AAAA", "wrp1:!!not base64!!"
        }) {
      assertThat(CompletedOffsetsCodec.decode(foreign, 0)).as(foreign).isEmpty();
    }
  }

  @Test
  void everyDamagedOrCutStringIsIgnored() {
    String metadata =
        CompletedOffsetsCodec.encode(7, ranges(8, 20, 30, 31, 40, 90), MAX).metadata();
    byte[] raw = Base64.getUrlDecoder().decode(metadata.substring(5));
    for (int i = 0; i < raw.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] damaged = raw.clone();
        damaged[i] ^= (byte) (1 << bit);
        String s = "wrp1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(damaged);
        assertThat(CompletedOffsetsCodec.decode(s, 7))
            .as("byte %d bit %d flipped", i, bit)
            .isEmpty();
      }
    }
    for (int cut = 0; cut < metadata.length(); cut++) {
      assertThat(CompletedOffsetsCodec.decode(metadata.substring(0, cut), 7))
          .as("cut at %d", cut)
          .isEmpty();
    }
  }

  @Test
  void randomStringsInTheFormatNeverDecode() {
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      byte[] raw = new byte[1 + random.nextInt(40)];
      random.nextBytes(raw);
      String s = "wrp1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
      assertThat(CompletedOffsetsCodec.decode(s, raw.length)).as(s).isEmpty();
    }
  }
}
