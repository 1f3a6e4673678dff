package io.workflowresult.testing.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verifier's comparison logic, with hand-made records: a broken verifier must not pass. */
class OutcomeComparisonTest {
  private static final String RESULTS = "results";
  private static final String DLQ = "dlq";
  private static final String TOTALS = "totals";

  private final GroundTruth truth = new GroundTruth();
  private final ObservedOutputs observed = new ObservedOutputs();

  private static JsonNode run(String id, String status, String workflow, String cost, long tokens) {
    return ExactJson.of(
        "{\"workflowId\":\""
            + workflow
            + "\",\"workflowName\":\"name-"
            + workflow
            + "\",\"workflowRunId\":\""
            + id
            + "\",\"input\":{\"topic\":\"News\"},\"output\":{\"news\":[{\"title\":\"t\"}]},"
            + "\"status\":\""
            + status
            + "\",\"totalCost\":"
            + cost
            + ",\"totalTokens\":"
            + tokens
            + ",\"startTime\":1758765323024,\"endTime\":1758765331373,\"extra\":{\"kept\":true}}");
  }

  private void result(String id, JsonNode value) {
    result(id, ExactJson.write(value), Map.of("run.status", value.path("status").asText()));
  }

  private void result(String id, String value, Map<String, String> headers) {
    observed.addResult(OutputRecord.of(RESULTS, id, value, headers));
  }

  private void deadLetter(String key, String runId, String reason) {
    observed.addDeadLetter(
        OutputRecord.of(
            DLQ,
            key,
            "{\"v\":1,\"workflowRunId\":"
                + (runId == null ? "null" : "\"" + runId + "\"")
                + ",\"reason\":\""
                + reason
                + "\",\"attempts\":1}",
            Map.of("run.reason", reason)));
  }

  private void invalidDeadLetter(String inputField, String sha) {
    observed.addDeadLetter(
        OutputRecord.of(
            DLQ,
            null,
            "{\"v\":1,\"workflowRunId\":null,\"reason\":\"INVALID_INPUT\",\"input\":"
                + (inputField == null
                    ? "null"
                    : ExactJson.MAPPER.valueToTree(inputField).toString())
                + ",\"inputSha256\":"
                + (sha == null ? "null" : "\"" + sha + "\"")
                + "}",
            Map.of()));
  }

  private VerifierReport compare() {
    return OutcomeComparison.compare(truth, observed, Optional.empty(), false);
  }

  @Test
  void passesWhenEveryRunEndsAsExpected() {
    JsonNode a = run("a", "SUCCEED", "wf-1", "0.6928", 1745);
    truth.result("a", a).deadLetter("unknown-1", "NOT_FOUND").invalidInput(bytes("  "));
    result("a", a);
    deadLetter("unknown-1", "unknown-1", "NOT_FOUND");
    invalidDeadLetter("  ", null);

    VerifierReport report = compare();

    report.assertAllCorrect();
    report.assertNoDuplicates();
    report.assertNoResultAndDeadLetter();
    assertThat(report.resolved()).isEqualTo(3);
  }

  @Test
  void reportsARunWithNeitherResultNorDeadLetterAsLost() {
    truth
        .result("a", run("a", "SUCCEED", "wf", "1", 1))
        .result("b", run("b", "FAILED", "wf", "2", 2));
    result("a", run("a", "SUCCEED", "wf", "1", 1));

    VerifierReport report = compare();

    assertThat(report.lost()).containsExactly("b");
    assertThatThrownBy(report::assertNothingLost)
        .hasMessageStartingWith(
            "expected 0 lost runs (neither result nor dead letter), got 1: [b]");
    assertThatThrownBy(report::assertAllCorrect).hasMessageContaining("lost: b");
  }

  @Test
  void reportsTheWrongDeadLetterReason() {
    truth.deadLetter("unknown-1", "NOT_FOUND");
    deadLetter("unknown-1", "unknown-1", "MALFORMED_RESPONSE");

    VerifierReport report = compare();

    assertThat(report.lost()).isEmpty();
    assertThat(report.wrongOutcomes().get("unknown-1"))
        .singleElement()
        .asString()
        .contains("expected reason NOT_FOUND, got MALFORMED_RESPONSE");
    assertThatThrownBy(report::assertOutcomesRight).hasMessageContaining("got 1");
  }

  @Test
  void reportsAResultWhereADeadLetterWasExpected() {
    truth.deadLetter("x", "UNEXPECTED_STATUS");
    result("x", run("x", "SUCCEED", "wf", "1", 1));

    assertThat(compare().wrongOutcomes().get("x"))
        .singleElement()
        .asString()
        .contains("expected dead letter UNEXPECTED_STATUS, got 1 result(s)");
  }

  @Test
  void reportsOnlyADeadLetterWhereAResultWasExpected() {
    truth.result("a", run("a", "SUCCEED", "wf", "1", 1));
    deadLetter("a", "a", "RETRIES_EXHAUSTED");

    assertThat(compare().wrongOutcomes().get("a"))
        .singleElement()
        .asString()
        .contains("expected a result SUCCEED, got only dead letter(s) [RETRIES_EXHAUSTED]");
  }

  @Test
  void reportsAResultAfterADeadLetterApartFromWrongOutcomes() {
    JsonNode a = run("a", "SUCCEED", "wf", "1", 1);
    truth.result("a", a);
    deadLetter("a", "a", "RETRIES_EXHAUSTED");
    result("a", a);

    VerifierReport report = compare();

    report.assertAllCorrect();
    assertThat(report.resultAndDeadLetter()).containsKey("a");
    assertThatThrownBy(report::assertNoResultAndDeadLetter).hasMessageContaining("got 1: [a");
  }

  @Test
  void reportsACostThatWentThroughADouble() {
    truth.result("a", run("a", "SUCCEED", "wf", "0.6928", 1745));
    result("a", run("a", "SUCCEED", "wf", "0.69279999999999997", 1745));

    VerifierReport report = compare();

    assertThat(report.payloadChanged().get("a"))
        .containsExactly("totalCost: expected 0.6928, got 0.69279999999999997");
    assertThatThrownBy(report::assertPayloadsUnchanged)
        .hasMessageStartingWith("expected 0 results differing from the API's run object, got 1");
  }

  @Test
  void reportsAReformattedNumber() {
    truth.result("a", run("a", "SUCCEED", "wf", "0.6928", 1745));
    result("a", run("a", "SUCCEED", "wf", "0.69280", 1745));

    assertThat(compare().payloadChanged().get("a"))
        .containsExactly("totalCost: expected 0.6928, got 0.69280");
  }

  @Test
  void reportsMissingExtraAndNestedFields() {
    JsonNode expected = run("a", "SUCCEED", "wf", "1.5", 10);
    truth.result("a", expected);
    com.fasterxml.jackson.databind.node.ObjectNode changed = expected.deepCopy();
    changed.remove("extra");
    changed.put("added", 1);
    ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get("output").get("news").get(0))
        .put("title", "other");
    result("a", changed);

    assertThat(compare().payloadChanged().get("a"))
        .containsExactlyInAnyOrder(
            "added: not expected, got 1",
            "extra: expected {\"kept\":true}, missing",
            "output.news[0].title: expected \"t\", got \"other\"");
  }

  @Test
  void acceptsDroppedInputAndOutputOnlyWhenMarkedTruncated() {
    JsonNode expected = run("a", "SUCCEED", "wf", "1.5", 10);
    truth.result("a", expected).result("b", run("b", "SUCCEED", "wf", "1.5", 10));
    com.fasterxml.jackson.databind.node.ObjectNode slim = expected.deepCopy();
    slim.remove("input");
    slim.remove("output");
    result("a", ExactJson.write(slim), Map.of("run.status", "SUCCEED", "run.truncated", "true"));
    com.fasterxml.jackson.databind.node.ObjectNode slimB =
        run("b", "SUCCEED", "wf", "1.5", 10).deepCopy();
    slimB.remove("output");
    result("b", ExactJson.write(slimB), Map.of("run.status", "SUCCEED"));

    VerifierReport report = compare();

    assertThat(report.payloadChanged()).containsOnlyKeys("b");
  }

  @Test
  void reportsAMissingStatusHeaderAndAnUnreadableValue() {
    truth
        .result("a", run("a", "SUCCEED", "wf", "1", 1))
        .result("b", run("b", "SUCCEED", "wf", "1", 1));
    result("a", ExactJson.write(run("a", "SUCCEED", "wf", "1", 1)), Map.of());
    result("b", "not json", Map.of("run.status", "SUCCEED"));

    VerifierReport report = compare();

    assertThat(report.payloadChanged().get("a"))
        .containsExactly("header run.status: expected SUCCEED, got null");
    assertThat(report.payloadChanged().get("b").get(0))
        .startsWith("value is not JSON at results/0/-1");
  }

  @Test
  void countsDuplicateResultsAndDeadLetters() {
    JsonNode a = run("a", "SUCCEED", "wf", "1", 1);
    truth.result("a", a).duplicate("a").deadLetter("u", "NOT_FOUND");
    result("a", a);
    result("a", a);
    result("a", a);
    deadLetter("u", "u", "NOT_FOUND");
    deadLetter("u", "u", "NOT_FOUND");

    VerifierReport report = compare();

    report.assertAllCorrect();
    assertThat(report.duplicateResults()).containsExactly(Map.entry("a", 3));
    assertThat(report.duplicateDeadLetters()).containsExactly(Map.entry("u", 2));
    assertThat(report.extraRecords()).isEqualTo(3);
    assertThatThrownBy(report::assertNoDuplicates)
        .hasMessageStartingWith("expected 0 runs with more than one output record, got 2");
    assertThat(report.toString()).contains("extra records (duplicates): 3");
  }

  @Test
  void matchesInvalidInputBySha256TextOrBase64() {
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, 0x41};
    truth
        .invalidInput(bytes(""))
        .invalidInput(bytes("{\"workflowRunId\":\"\"}"))
        .invalidInput(notUtf8);
    truth.invalidInput(null);
    invalidDeadLetter("", null);
    invalidDeadLetter(
        "something else",
        ExpectedOutcome.InvalidInput.sha256Hex(bytes("{\"workflowRunId\":\"\"}")).toUpperCase());
    invalidDeadLetter(Base64.getEncoder().encodeToString(notUtf8), null);
    invalidDeadLetter(null, null);

    compare().assertAllCorrect();
  }

  @Test
  void reportsRecordsOfRunsNeverSubmitted() {
    truth.deadLetter("u", "NOT_FOUND");
    deadLetter("u", "u", "NOT_FOUND");
    deadLetter("ghost", "ghost", "NOT_FOUND");
    invalidDeadLetter("never sent", null);
    result("other", run("other", "SUCCEED", "wf", "1", 1));
    result(null, run("other", "SUCCEED", "wf", "1", 1));

    VerifierReport report = compare();

    assertThat(report.unexpected()).hasSize(4);
    assertThatThrownBy(report::assertNoUnexpectedRecords).hasMessageContaining("got 4");
  }

  @Test
  void costTotalsEqualTheExactSumOverDistinctRuns() {
    truth
        .result("a", run("a", "SUCCEED", "wf-1", "0.1", 10))
        .result("b", run("b", "FAILED", "wf-1", "0.2", 5))
        .result("c", run("c", "SUCCEED", "wf-2", "0.6928", 1745));
    totals("wf-1", 2, 1, 1, "0.3", 15);
    totals("wf-2", 1, 1, 0, "0.6928", 1745);

    OutcomeComparison.compare(truth, observed, Optional.empty(), true).assertCostTotalsExact();
  }

  @Test
  void reportsCostTotalsThatCountedARunTwiceOrWentThroughADouble() {
    truth
        .result("a", run("a", "SUCCEED", "wf-1", "0.1", 10))
        .result("b", run("b", "FAILED", "wf-1", "0.2", 5))
        .result("c", run("c", "SUCCEED", "wf-2", "0.6928", 1745));
    totals("wf-1", 2, 1, 1, "0.3", 15);
    totals("wf-1", 2, 1, 1, "0.30000000000000004", 15);
    totals("wf-2", 2, 2, 0, "1.3856", 3490);
    totals("wf-3", 1, 1, 0, "1", 1);

    VerifierReport report = OutcomeComparison.compare(truth, observed, Optional.empty(), true);

    assertThat(report.costMismatches())
        .containsExactly(
            "wf-1: totalCost expected 0.3, got 0.30000000000000004",
            "wf-2: runs expected 1, got 2",
            "wf-2: succeeded expected 1, got 2",
            "wf-2: totalTokens expected 1745, got 3490",
            "wf-2: totalCost expected 0.6928, got 1.3856",
            "wf-3: totals for a workflow with no expected run");
    assertThatThrownBy(report::assertCostTotalsExact).hasMessageContaining("got 6");
  }

  @Test
  void windowsThatAddUpToTheTotalsPass() {
    truth
        .result("a", run("a", "SUCCEED", "wf-1", "0.1", 10))
        .result("b", run("b", "FAILED", "wf-1", "0.2", 5));
    totals("wf-1", 2, 1, 1, "0.3", 15);
    window("wf-1@0/3600000", "wf-1", 1, "0.1");
    window("wf-1@3600000/3600000", "wf-1", 1, "0.2");

    OutcomeComparison.compare(truth, observed, Optional.empty(), true).assertCostTotalsExact();
  }

  @Test
  void reportsARunCountedInTwoWindows() {
    truth.result("a", run("a", "SUCCEED", "wf-1", "0.1", 10));
    totals("wf-1", 1, 1, 0, "0.1", 10);
    window("wf-1@0/3600000", "wf-1", 1, "0.1");
    window("wf-1@3600000/3600000", "wf-1", 1, "0.1");

    VerifierReport report = OutcomeComparison.compare(truth, observed, Optional.empty(), true);

    assertThat(report.costMismatches())
        .containsExactly("wf-1: windows add up to 2 runs, 0.2; expected 1, 0.1");
  }

  @Test
  void reportsAWorkflowWithoutTotals() {
    truth.result("a", run("a", "SUCCEED", "wf-1", "0.1", 10));

    assertThat(OutcomeComparison.compare(truth, observed, Optional.empty(), true).costMismatches())
        .containsExactly("wf-1: expected totals, got no record");
    assertThatThrownBy(compare()::assertCostTotalsExact).hasMessageContaining("were not read");
  }

  @Test
  void expectedCostOfTenThousandSmallRunsIsExactlyOne() {
    for (int i = 0; i < 10_000; i++) {
      truth.result("r" + i, run("r" + i, "SUCCEED", "wf", "0.0001", 1));
    }

    CostExpectation wf = CostExpectation.from(truth.all()).get("wf");

    assertThat(wf.totalCost()).isEqualByComparingTo(new BigDecimal("1.0000"));
    assertThat(wf.totalCost().toPlainString()).isEqualTo("1.0000");
    assertThat(wf.runs()).isEqualTo(10_000);
  }

  @Test
  void checksInFlightAndRequestsPerRunAgainstTheSimulatorStats() {
    truth.result("a", run("a", "SUCCEED", "wf", "1", 1));
    result("a", run("a", "SUCCEED", "wf", "1", 1));
    VerifierReport report =
        OutcomeComparison.compare(
            truth, observed, Optional.of(new RequestStats(7, 9, Map.of("a", 7L))), false);

    report.assertMaxInFlightAtMost(9);
    assertThatThrownBy(() -> report.assertMaxInFlightAtMost(8))
        .hasMessage("expected at most 8 requests in flight, got 9");
    report.assertRequestsAtMost("a", 7);
    assertThatThrownBy(() -> report.assertRequestsAtMost("a", 3))
        .hasMessage("expected at most 3 requests for a, got 7");
    assertThat(report.toString()).contains("7 total").contains("max in flight 9");
    assertThatThrownBy(() -> compare().assertMaxInFlightAtMost(1))
        .hasMessageContaining("no simulator stats");
  }

  @Test
  void refusesConflictingExpectationsForOneRun() {
    truth.deadLetter("x", "NOT_FOUND");

    assertThatThrownBy(() -> truth.deadLetter("x", "EXPIRED"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("conflicting expectations for x");
  }

  private void totals(String wf, long runs, long ok, long failed, String cost, long tokens) {
    observed.addCostTotal(
        OutputRecord.of(
            TOTALS,
            wf,
            "{\"v\":1,\"workflowId\":\""
                + wf
                + "\",\"workflowName\":\"n\",\"runs\":"
                + runs
                + ",\"succeeded\":"
                + ok
                + ",\"failed\":"
                + failed
                + ",\"totalCost\":"
                + cost
                + ",\"totalTokens\":"
                + tokens
                + ",\"updatedAt\":1}",
            Map.of()));
  }

  private void window(String key, String wf, long runs, String cost) {
    observed.addCostWindow(
        OutputRecord.of(
            "windows",
            key,
            "{\"v\":1,\"workflowId\":\""
                + wf
                + "\",\"runs\":"
                + runs
                + ",\"totalCost\":"
                + cost
                + ",\"windowStart\":0,\"windowEnd\":1}",
            Map.of()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
