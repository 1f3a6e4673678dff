package io.workflowresult.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.ObservedOutputs;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The whole service as a child process ({@code run}) against the API simulator, with a mixed load:
 * terminal, pending-then-done, slow, unknown, malformed, unexpected status, duplicates of waiting
 * runs, valid JSON input and bad input. Every run must end on the results or the dead-letter topic
 * with the right outcome, results carry the API's answer unchanged, duplicates of a waiting run are
 * coalesced, and the in-flight limit holds.
 */
class MixedLoadEndToEndIT {
  private static final int MAX_IN_FLIGHT = 8;

  @Test
  void everyRunEndsOnResultsOrDeadLettersWithTheRightOutcome() {
    try (PipelineFixture f =
            PipelineFixture.create(
                "mixed",
                SimulatorOptions.builder()
                    .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(3)))
                    .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(30))));
        ServiceProcess service =
            f.set("query.max-in-flight", Integer.toString(MAX_IN_FLIGHT)).startService()) {
      f.awaitInputTopic(service, Duration.ofSeconds(60));
      GroundTruth truth = new GroundTruth();
      long start = System.nanoTime();

      // Given: runs that take a while, queried once, then submitted three times more (waiting)
      List<String> waiting = longRunning(f, ids("run-long", 120), 2_500, 10);
      waiting.forEach(id -> f.submit(id, truth));
      f.flush();
      awaitFirstQueries(f, waiting);
      long copiesSentAt = System.currentTimeMillis();
      for (int copy = 0; copy < 3; copy++) {
        waiting.forEach(id -> f.submit(id, truth));
      }
      f.flush();
      // and the rest of a mixed load
      ids("run", 200).forEach(id -> f.submit(id, truth));
      ids("slow-2s", 6).forEach(id -> f.submit(id, truth));
      ids("unknown", 15).forEach(id -> f.submit(id, truth));
      ids("malformed", 6).forEach(id -> f.submit(id, truth));
      ids("mismatch", 4).forEach(id -> f.submit(id, truth));
      ids("weird", 4).forEach(id -> f.submit(id, truth));
      for (String id : ids("json", 5)) {
        f.send(
            ("{\"workflowRunId\": \"" + id + "\", \"note\": 1}").getBytes(StandardCharsets.UTF_8),
            id);
        truth.add(f.truthSource().expected(id));
      }
      for (String id : ids("padded", 3)) {
        f.send(("  " + id + "\t").getBytes(StandardCharsets.UTF_8), id);
        truth.add(f.truthSource().expected(id));
      }
      BadInputCorpus.all()
          .forEach(
              bad -> {
                f.send(bad, "bad-input");
                truth.invalidInput(bad);
              });
      f.flush();

      try (Verifier verifier = f.costVerifier(truth)) {
        // When
        verifier.awaitAllResolved(Duration.ofSeconds(60));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        service.assertAlive();

        // Then
        VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
        System.out.println("mixed load resolved in " + took.toMillis() + " ms\n" + report);
        report.assertAllCorrect();
        report.assertNoResultAndDeadLetter();
        report.assertMaxInFlightAtMost(MAX_IN_FLIGHT);
        // duplicates of a run still waiting when they came are coalesced: one result, no extra
        // requests (a copy arriving after the run finished may legitimately be queried again)
        List<String> stillWaiting = stillWaitingAt(f, waiting, copiesSentAt);
        System.out.println(
            stillWaiting.size()
                + " of "
                + waiting.size()
                + " duplicated runs still waiting when the copies were sent");
        assertThat(stillWaiting)
            .as("duplicated runs still waiting when their copies were sent")
            .isNotEmpty();
        for (String id : stillWaiting) {
          long runTime = f.simulator().simulator().expectedTerminal(id).runTimeMillis();
          assertThat(verifier.observed().results(id))
              .as("results of duplicated waiting run %s", id)
              .hasSize(1);
          report.assertRequestsAtMost(id, singleRunQueries(runTime) + 1);
        }
        assertThat(report.duplicateResults().keySet())
            .as("runs with more than one result")
            .isSubsetOf(waiting);
        assertThat(report.duplicateDeadLetters())
            .as("runs with more than one dead letter")
            .isEmpty();
        // the aggregator, through the same process: every terminal run counted once, exactly
        verifier.awaitCostTotalsExact(Duration.ofSeconds(30)).assertCostTotalsExact();
        assertThat(headerMismatches(verifier.observed()))
            .as("records without their input's trace header")
            .isEmpty();
      }
    }
  }

  /**
   * Queries one copy of a run of {@code runTimeMillis} gets at most: the schedule without jitter.
   */
  static int singleRunQueries(long runTimeMillis) {
    long elapsed = 0;
    long delay = 250;
    int queries = 1;
    while (elapsed < runTimeMillis) {
      elapsed += delay;
      delay = Math.min(delay * 2, 1_000);
      queries++;
    }
    return queries;
  }

  private static List<String> longRunning(
      PipelineFixture f, List<String> ids, long minMillis, int n) {
    List<String> chosen =
        ids.stream()
            .filter(
                id -> f.simulator().simulator().expectedTerminal(id).runTimeMillis() >= minMillis)
            .limit(n)
            .toList();
    assertThat(chosen).as("runs of at least %d ms in the mix", minMillis).hasSizeGreaterThan(3);
    return chosen;
  }

  /** The runs whose simulated end lies at least a second after {@code sentAt}. */
  private static List<String> stillWaitingAt(PipelineFixture f, List<String> ids, long sentAt) {
    return ids.stream()
        .filter(
            id ->
                f.simulator().simulator().firstQueryAt(id).getAsLong()
                        + f.simulator().simulator().expectedTerminal(id).runTimeMillis()
                    > sentAt + 1_000)
        .toList();
  }

  private static void awaitFirstQueries(PipelineFixture f, List<String> ids) {
    org.awaitility.Awaitility.await("first queries of " + ids)
        .atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                ids.stream()
                    .allMatch(id -> f.simulator().simulator().firstQueryAt(id).isPresent()));
  }

  private static List<String> headerMismatches(ObservedOutputs observed) {
    List<String> problems = new ArrayList<>();
    observed
        .resultsByRun()
        .forEach(
            (id, records) ->
                records.forEach(
                    r -> {
                      if (!id.equals(r.headers().get(PipelineFixture.TRACE_HEADER))
                          || r.headers().get("run.source") == null) {
                        problems.add(r + " headers " + r.headers());
                      }
                    }));
    for (ObservedOutputs.DeadLetter d : observed.deadLetters()) {
      String trace = d.record().headers().get(PipelineFixture.TRACE_HEADER);
      boolean bad = "INVALID_INPUT".equals(d.reason());
      if (bad ? !"bad-input".equals(trace) : !d.runId().equals(trace)) {
        problems.add(d.record() + " headers " + d.record().headers());
      }
    }
    return problems;
  }

  static List<String> ids(String prefix, int n) {
    String run = Long.toHexString(System.nanoTime());
    return IntStream.range(0, n).mapToObj(i -> prefix + "-" + run + "-" + i).toList();
  }
}
