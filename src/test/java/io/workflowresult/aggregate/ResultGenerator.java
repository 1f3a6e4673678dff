package io.workflowresult.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Three batches of results for {@link CostAggregatorIT}: 600 distinct runs of 5 workflows spread
 * over 6 hours, costs in every decimal form (8 decimals, whole numbers, exponents, trailing zeros),
 * endTimes missing, 0 or in the future now and then; the second and third batches repeat 160
 * earlier runs, half unchanged and half with another status, cost, tokens and endTime.
 */
final class ResultGenerator {
  private static final long HOUR = 3_600_000L;
  private final Random random;
  private final long now;

  ResultGenerator(long seed, long now) {
    this.random = new Random(seed);
    this.now = now;
  }

  List<List<RunRecord>> batches() {
    List<RunRecord> first = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      first.add(fresh(i));
    }
    List<RunRecord> second = new ArrayList<>();
    for (int i = 250; i < 500; i++) {
      second.add(fresh(i));
    }
    for (int i = 0; i < 80; i++) {
      second.add(repeat(first.get(random.nextInt(first.size()))));
    }
    List<RunRecord> third = new ArrayList<>();
    for (int i = 500; i < 600; i++) {
      third.add(fresh(i));
    }
    for (int i = 0; i < 80; i++) {
      third.add(repeat(second.get(random.nextInt(250))));
    }
    return List.of(first, second, third);
  }

  private RunRecord fresh(int i) {
    long timestamp = now - (long) (random.nextDouble() * 6 * HOUR);
    return new RunRecord(
        "run-" + i,
        "wf-" + (i % 5),
        random.nextInt(4) == 0 ? "FAILED" : "SUCCEED",
        cost(),
        random.nextInt(5000),
        endTime(timestamp),
        timestamp);
  }

  private RunRecord repeat(RunRecord r) {
    if (random.nextBoolean()) {
      return r;
    }
    long timestamp = r.timestamp() + 60_000;
    return new RunRecord(
        r.runId(),
        r.workflowId(),
        r.status().equals("FAILED") ? "SUCCEED" : "FAILED",
        cost(),
        random.nextInt(5000),
        endTime(timestamp - HOUR),
        timestamp);
  }

  private Long endTime(long timestamp) {
    int kind = random.nextInt(20);
    return switch (kind) {
      case 0, 1 -> null;
      case 2 -> 0L;
      case 3 -> timestamp + HOUR;
      default -> timestamp - random.nextInt(600_000);
    };
  }

  private String cost() {
    return switch (random.nextInt(6)) {
      case 0 -> Integer.toString(random.nextInt(10));
      case 1 -> random.nextInt(9) + 1 + "E+" + random.nextInt(3);
      case 2 -> "0.1";
      case 3 -> String.format("%d.%02d0", random.nextInt(3), random.nextInt(100));
      default -> String.format("0.%08d", random.nextInt(100_000_000));
    };
  }
}
