package io.workflowresult.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.workflowresult.api.QueryOutcome.TransientKind;
import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigException;
import io.workflowresult.testing.StubApiServer;
import io.workflowresult.testing.TestConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowApiClientTest {

  static final String KEY = "sk-test-4f1c";
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final String ERROR_404 =
      "{\"error\": {\"code\": \"RUN_NOT_FOUND\", \"message\": \"no such run\", \"status\": 404}}";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private StubApiServer stub;
  private WorkflowApiClient client;

  @BeforeEach
  void start() throws IOException {
    stub = new StubApiServer();
    client = client(stub.baseUrl(), Duration.ofSeconds(5), 1024 * 1024, 8 * 1024 * 1024);
  }

  @AfterEach
  void stop() {
    client.close();
    stub.close();
  }

  /**
   * The transport under test: the default here, {@code jdk} in {@link WorkflowApiClientJdkTest}.
   */
  AppConfig.ApiTransport transport() {
    return AppConfig.ApiTransport.HTTP1;
  }

  WorkflowApiClient client(URI baseUrl, Duration timeout, long maxPayload, long maxResponse) {
    return new WorkflowApiClient(
        TestConfig.api(baseUrl, KEY, timeout, maxPayload, maxResponse, transport()),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static String run(String runId, String status) {
    return "{\n    \"workflowId\": \"wf-1\",\n    \"workflowName\": \"todayNews\",\n"
        + "    \"workflowVersion\": \"1.0.1\",\n    \"workflowRunId\": \""
        + runId
        + "\",\n    \"input\": {\"topic\": \"News\"},\n"
        + "    \"output\": {\"news\": [{\"summary\": \"Waik\u012bk\u012b\", \"media\": \"KHON2\"}]},\n"
        + "    \"workflowExecutionTime\": 8347,\n    \"status\": \""
        + status
        + "\",\n    \"totalCost\": 0.6928,\n    \"totalTokens\": 1745,\n"
        + "    \"startTime\": 1758765323024,\n    \"endTime\": 1758765331373\n}";
  }

  private QueryOutcome query(String runId) throws Exception {
    return client.query(runId).get(20, TimeUnit.SECONDS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SUCCEED", "FAILED"})
  void finishedRunIsTerminalWithTheRunObjectAsSent(String status) throws Exception {
    String body = run("r-1", status);
    stub.answer(200, Map.of(), body);

    QueryOutcome outcome = query("r-1");

    assertThat(outcome).isInstanceOf(QueryOutcome.Terminal.class);
    QueryOutcome.Terminal terminal = (QueryOutcome.Terminal) outcome;
    assertThat(terminal.status()).isEqualTo(status);
    assertThat(new String(terminal.runObject(), UTF_8)).isEqualTo(body);
    assertThat(terminal.truncated()).isFalse();
    assertThat(terminal.totalCost()).contains(new BigDecimal("0.6928"));
    assertThat(terminal.httpStatus()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PENDING", "RUNNING"})
  void unfinishedRunIsNotYet(String status) throws Exception {
    stub.answer(200, Map.of(), run("r-1", status));

    assertThat(query("r-1"))
        .isEqualTo(
            new QueryOutcome.NotYet(
                "r-1",
                status,
                Optional.of("wf-1"),
                Optional.of("1.0.1"),
                OptionalLong.of(1758765323024L),
                Optional.empty(),
                200,
                RateLimit.NONE));
  }

  @Test
  void aRetryAfterOnAnUnfinishedRunIsKeptForTheSchedule() throws Exception {
    stub.answer(200, Map.of("Retry-After", "90"), run("r-1", "RUNNING"));

    QueryOutcome.NotYet notYet = (QueryOutcome.NotYet) query("r-1");

    assertThat(notYet.retryAfter()).contains(Duration.ofSeconds(90));
  }

  @Test
  void aRateLimitResetOnAnUnfinishedRunIsNoRetryAfter() throws Exception {
    stub.answer(200, Map.of("X-RateLimit-Reset", "99999999999"), run("r-1", "PENDING"));

    assertThat(((QueryOutcome.NotYet) query("r-1")).retryAfter()).isEmpty();
  }

  @Test
  void aPendingRunOfAWrappedAnswerNamesItsWorkflowWithoutAStart() throws Exception {
    String pending =
        "{\"workflowId\": \"wf-2\", \"workflowRunId\": \"r-1\", \"status\": \"PENDING\","
            + " \"startTime\": null}";
    stub.answer(200, Map.of(), "{\"data\": " + pending + ", \"meta\": {\"workflowId\": \"x\"}}");

    QueryOutcome.NotYet notYet = (QueryOutcome.NotYet) query("r-1");

    assertThat(notYet.workflowId()).contains("wf-2");
    assertThat(notYet.workflowVersion()).isEmpty();
    assertThat(notYet.startTime()).isEmpty();
  }

  @Test
  void wrappedAnswerPublishesTheRunObjectOnly() throws Exception {
    String runObject = run("r-1", "SUCCEED");
    stub.answer(200, Map.of(), "{\"data\": " + runObject + ", \"meta\": {\"requestId\": \"q-9\"}}");

    QueryOutcome.Terminal terminal = (QueryOutcome.Terminal) query("r-1");

    assertThat(new String(terminal.runObject(), UTF_8)).isEqualTo(runObject);
  }

  @Test
  void answerThatIsNotJsonIsMalformed() throws Exception {
    stub.answer(200, Map.of(), "<html>maintenance</html>");

    QueryOutcome.Malformed malformed = (QueryOutcome.Malformed) query("r-1");

    assertThat(malformed.detail()).contains("not valid JSON");
    assertThat(malformed.errorBody()).contains("<html>maintenance</html>");
    assertThat(malformed.httpStatus()).isEqualTo(200);
  }

  @Test
  void answerWithoutStatusIsMalformed() throws Exception {
    stub.answer(200, Map.of(), "{\"workflowRunId\": \"r-1\", \"totalCost\": 1}");

    assertThat(((QueryOutcome.Malformed) query("r-1")).detail()).contains("status");
  }

  @Test
  void answerWithoutRunIdIsMalformed() throws Exception {
    stub.answer(200, Map.of(), "{\"status\": \"SUCCEED\", \"totalCost\": 1}");

    assertThat(((QueryOutcome.Malformed) query("r-1")).detail()).contains("workflowRunId");
  }

  @Test
  void answerForAnotherRunIsMalformed() throws Exception {
    stub.answer(200, Map.of(), run("r-2", "SUCCEED"));

    assertThat(((QueryOutcome.Malformed) query("r-1")).detail()).contains("another run", "r-2");
  }

  @Test
  void unknownStatusIsUnexpectedStatus() throws Exception {
    stub.answer(200, Map.of(), run("r-1", "CANCELLED"));

    QueryOutcome.UnexpectedStatus unexpected = (QueryOutcome.UnexpectedStatus) query("r-1");

    assertThat(unexpected.status()).isEqualTo("CANCELLED");
    assertThat(unexpected.errorBody().orElseThrow()).contains("\"CANCELLED\"");
  }

  @Test
  void notFoundCarriesTheErrorBody() throws Exception {
    stub.answer(404, Map.of(), ERROR_404);

    assertThat(query("r-1"))
        .isEqualTo(
            new QueryOutcome.NotFound(
                "r-1",
                "RUN_NOT_FOUND: no such run",
                java.util.Optional.of(ERROR_404),
                404,
                RateLimit.NONE));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void refusedKeyIsUnauthorized(int status) throws Exception {
    stub.answer(status, Map.of(), "{\"error\": {\"code\": \"INVALID_KEY\", \"message\": \"bad\"}}");

    QueryOutcome.Unauthorized refused = (QueryOutcome.Unauthorized) query("r-1");

    assertThat(refused.detail()).isEqualTo("INVALID_KEY: bad");
    assertThat(refused.httpStatus()).isEqualTo(status);
  }

  @Test
  void throttledWaitsRetryAfterSecondsAndCarriesTheRateLimit() throws Exception {
    stub.answer(
        429,
        Map.of(
            "Retry-After", "30",
            "X-RateLimit-Limit", "1000",
            "X-RateLimit-Remaining", "0",
            "X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 900)),
        "{\"error\": {\"code\": \"RATE_LIMITED\", \"message\": \"slow down\", \"status\": 429}}");

    QueryOutcome.Transient throttled = (QueryOutcome.Transient) query("r-1");

    assertThat(throttled.failure()).isEqualTo(TransientKind.THROTTLED);
    assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(throttled.detail()).isEqualTo("RATE_LIMITED: slow down");
    assertThat(throttled.rateLimit())
        .isEqualTo(
            new RateLimit(
                OptionalLong.of(1000),
                OptionalLong.of(0),
                OptionalLong.of(NOW.getEpochSecond() + 900)));
  }

  @Test
  void throttledWaitsUntilRetryAfterDate() throws Exception {
    stub.answer(429, Map.of("Retry-After", "Sat, 28 Nov 2026 12:02:05 GMT"), "");

    QueryOutcome.Transient throttled = (QueryOutcome.Transient) query("r-1");

    assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(125));
    assertThat(throttled.errorBody()).isEmpty();
  }

  @Test
  void throttledWithoutRetryAfterWaitsUntilTheRateLimitReset() throws Exception {
    stub.answer(429, Map.of("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 42)), "{}");

    QueryOutcome.Transient throttled = (QueryOutcome.Transient) query("r-1");

    assertThat(throttled.failure()).isEqualTo(TransientKind.THROTTLED);
    assertThat(throttled.retryAfter()).contains(Duration.ofSeconds(42));
    assertThat(throttled.detail()).isEqualTo("HTTP 429");
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503})
  void serverErrorIsTransient(int status) throws Exception {
    stub.answer(status, Map.of("Retry-After", "5", "X-RateLimit-Reset", "99999999999"), "oops");

    QueryOutcome.Transient failed = (QueryOutcome.Transient) query("r-1");

    assertThat(failed.failure()).isEqualTo(TransientKind.SERVER_ERROR);
    assertThat(failed.retryAfter()).contains(Duration.ofSeconds(5));
    assertThat(failed.errorBody()).contains("oops");
    assertThat(failed.httpStatus()).isEqualTo(status);
  }

  @Test
  void serverErrorDoesNotWaitForTheQuotaReset() throws Exception {
    stub.answer(500, Map.of("X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 60)), "");

    assertThat(((QueryOutcome.Transient) query("r-1")).retryAfter()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 418, 302})
  void otherStatusIsMalformedNamingIt(int status) throws Exception {
    stub.answer(status, Map.of(), "{\"error\": {\"code\": \"BAD\", \"message\": \"no\"}}");

    QueryOutcome.Malformed malformed = (QueryOutcome.Malformed) query("r-1");

    assertThat(malformed.detail()).isEqualTo("unexpected HTTP status " + status + " (BAD: no)");
    assertThat(malformed.httpStatus()).isEqualTo(status);
  }

  @Test
  void unreadableRateLimitHeadersAreEmpty() throws Exception {
    stub.answer(
        200,
        Map.of(
            "X-RateLimit-Limit", "many", "X-RateLimit-Remaining", " 7 ", "X-RateLimit-Reset", ""),
        run("r-1", "RUNNING"));

    assertThat(query("r-1").rateLimit())
        .isEqualTo(new RateLimit(OptionalLong.empty(), OptionalLong.of(7), OptionalLong.empty()));
  }

  @Test
  void dropsInputAndOutputPastTheMaxPayloadAndKeepsTheCost() throws Exception {
    client.close();
    client = client(stub.baseUrl(), Duration.ofSeconds(5), 4096, 8 * 1024 * 1024);
    String body = run("r-1", "SUCCEED").replace("News", "n".repeat(100_000));
    stub.answer(200, Map.of(), body);

    QueryOutcome.Terminal terminal = (QueryOutcome.Terminal) query("r-1");

    assertThat(terminal.truncated()).isTrue();
    assertThat(terminal.totalCost()).contains(new BigDecimal("0.6928"));
    JsonNode published = MAPPER.readTree(terminal.runObject());
    JsonNode original = MAPPER.readTree(body);
    ((com.fasterxml.jackson.databind.node.ObjectNode) original).remove(List.of("input", "output"));
    assertThat(published).isEqualTo(original);
    assertThat(new String(terminal.runObject(), UTF_8)).contains("\"totalCost\": 0.6928");
  }

  @Test
  void stopsReadingABodyPastTheMaxResponse() throws Exception {
    client.close();
    client = client(stub.baseUrl(), Duration.ofSeconds(20), 1024, 256 * 1024);
    AtomicBoolean serverWriteFailed = new AtomicBoolean();
    AtomicBoolean serverFinished = new AtomicBoolean();
    stub.answer(
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          byte[] chunk = ("\"" + "x".repeat(64 * 1024 - 3) + "\",").getBytes(UTF_8);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"workflowRunId\": \"r-1\", \"input\": [".getBytes(UTF_8));
            for (int i = 0; i < 1024; i++) { // 64 MB
              out.write(chunk);
            }
            out.write("0]}".getBytes(UTF_8));
            serverFinished.set(true);
          } catch (IOException e) {
            serverWriteFailed.set(true);
          }
        });

    long started = System.nanoTime();
    QueryOutcome outcome = query("r-1");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(outcome)
        .isEqualTo(new QueryOutcome.TooLarge("r-1", 256 * 1024, 200, RateLimit.NONE));
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    org.awaitility.Awaitility.await("server sees the connection closed before it wrote 64 MB")
        .atMost(Duration.ofSeconds(10))
        .untilTrue(serverWriteFailed);
    assertThat(serverFinished).isFalse();
  }

  @Test
  void tooLargeByContentLengthIsNotRead() throws Exception {
    client.close();
    client = client(stub.baseUrl(), Duration.ofSeconds(5), 1024, 100);
    stub.answer(200, Map.of(), run("r-1", "SUCCEED"));

    assertThat(query("r-1")).isEqualTo(new QueryOutcome.TooLarge("r-1", 100, 200, RateLimit.NONE));
  }

  @Test
  void serverThatNeverAnswersTimesOut() throws Exception {
    client.close();
    client = client(stub.baseUrl(), Duration.ofMillis(500), 1024, 1024 * 1024);
    stub.answer(exchange -> stub.hang());

    long started = System.nanoTime();
    QueryOutcome outcome = query("r-1");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(outcome).isInstanceOf(QueryOutcome.Transient.class);
    assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.TIMEOUT);
    assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
  }

  @Test
  void bodyThatStallsTimesOut() throws Exception {
    client.close();
    client = client(stub.baseUrl(), Duration.ofMillis(500), 1024, 1024 * 1024);
    stub.answer(
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write("{\"workflowRunId\": \"r-1\", ".getBytes(UTF_8));
          out.flush();
          stub.hang();
        });

    long started = System.nanoTime();
    QueryOutcome outcome = query("r-1");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.TIMEOUT);
    assertThat(outcome.httpStatus()).isEqualTo(200);
    assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
  }

  @Test
  void refusedConnectionIsAnIoError() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    client.close();
    client = client(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(5), 1024, 1024);

    QueryOutcome.Transient failed = (QueryOutcome.Transient) query("r-1");

    assertThat(failed.failure()).isEqualTo(TransientKind.IO_ERROR);
    assertThat(failed.httpStatus()).isZero();
    assertThat(failed.detail()).contains("ConnectException");
    assertThat(failed.detail())
        .as("names the address it could not reach")
        .contains("cannot connect to 127.0.0.1:" + port + " (");
  }

  @Test
  void sendsTheRequestAsSpecified() throws Exception {
    String runId = "run \"quoted\" \\ caf\u00e9 \ud83d\ude80 \n end";
    stub.answer(200, Map.of(), run("other", "SUCCEED"));

    query(runId);

    assertThat(stub.seen()).hasSize(1);
    StubApiServer.Seen request = stub.seen().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/workflow/query/result");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("Accept")).isEqualTo("application/json");
    JsonNode body = MAPPER.readTree(request.body());
    assertThat(body.size()).isEqualTo(1);
    assertThat(body.get("workflowRunId").asText()).isEqualTo(runId);
  }

  @Test
  void baseUrlWithTrailingSlashAndPathPrefix() throws Exception {
    client.close();
    client = client(URI.create(stub.baseUrl() + "/api/"), Duration.ofSeconds(5), 1024, 1024 * 1024);
    stub.answer(200, Map.of(), run("r-1", "RUNNING"));

    query("r-1");

    assertThat(stub.seen().get(0).path()).isEqualTo("/api/v1/workflow/query/result");
  }

  @Test
  void keyAppearsInNoOutcomeOrToString() throws Exception {
    stub.answer(401, Map.of(), "{\"error\": {\"code\": \"INVALID_KEY\", \"message\": \"bad\"}}");

    assertThat(query("r-1").toString()).doesNotContain(KEY);
    assertThat(client.toString()).doesNotContain(KEY);
  }

  @Test
  void retryAfterInThePastIsNoWait() throws Exception {
    stub.answer(503, Map.of("Retry-After", "Sat, 28 Nov 2026 11:00:00 GMT"), "");

    assertThat(((QueryOutcome.Transient) query("r-1")).retryAfter()).contains(Duration.ZERO);
  }

  @Test
  void unreadableRetryAfterFallsBackToTheRateLimitReset() throws Exception {
    stub.answer(
        429,
        Map.of(
            "Retry-After", "soon", "X-RateLimit-Reset", String.valueOf(NOW.getEpochSecond() + 7)),
        "");

    assertThat(((QueryOutcome.Transient) query("r-1")).retryAfter())
        .contains(Duration.ofSeconds(7));
  }

  @Test
  void absurdRateLimitResetIsNoWait() throws Exception {
    stub.answer(429, Map.of("X-RateLimit-Reset", String.valueOf(Long.MAX_VALUE)), "");

    QueryOutcome.Transient throttled = (QueryOutcome.Transient) query("r-1");

    assertThat(throttled.failure()).isEqualTo(TransientKind.THROTTLED);
    assertThat(throttled.retryAfter()).isEmpty();
    assertThat(throttled.rateLimit().resetEpochSeconds()).hasValue(Long.MAX_VALUE);
  }

  @Test
  void cancellingTheQueryAbortsTheExchange() throws Exception {
    AtomicBoolean serverWriteFailed = new AtomicBoolean();
    stub.answer(
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write("{\"input\": [".getBytes(UTF_8));
            byte[] chunk = "1,".repeat(32 * 1024).getBytes(UTF_8);
            for (int i = 0; i < 100_000; i++) {
              out.write(chunk);
              Thread.sleep(1); // a slow, endless body
            }
          } catch (IOException e) {
            serverWriteFailed.set(true);
          }
        });
    client.close();
    client = client(stub.baseUrl(), Duration.ofSeconds(60), 1024, Long.MAX_VALUE);

    CompletableFuture<QueryOutcome> pending = client.query("r-1");
    org.awaitility.Awaitility.await("the request reaches the server")
        .atMost(Duration.ofSeconds(5))
        .until(() -> stub.seen().size() == 1);
    pending.cancel(true);

    org.awaitility.Awaitility.await("server sees the connection closed after the cancel")
        .atMost(Duration.ofSeconds(10))
        .untilTrue(serverWriteFailed);
  }

  @Test
  void connectionsAreReusedAfterEveryKindOfReadAnswer() throws Exception {
    Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    List<Integer> statuses = List.of(200, 404, 429, 500, 401);
    stub.answer(
        exchange -> {
          clientPorts.add(exchange.getRemoteAddress().getPort());
          int status = statuses.get(next.getAndIncrement() % statuses.size());
          StubApiServer.send(
              exchange, status, Map.of(), status == 200 ? run("r-1", "RUNNING") : ERROR_404);
        });

    for (int i = 0; i < 25; i++) {
      query("r-1");
    }

    assertThat(clientPorts).as("connections for 25 sequential queries").hasSize(1);
  }

  @Test
  void manyConcurrentQueriesAllGetTheirOwnAnswer() throws Exception {
    stub.answer(
        exchange -> {
          String runId =
              MAPPER.readTree(StubApiServer.request(exchange).body()).get("workflowRunId").asText();
          StubApiServer.send(exchange, 200, Map.of(), run(runId, "SUCCEED"));
        });
    List<CompletableFuture<QueryOutcome>> futures = new ArrayList<>();

    for (int i = 0; i < 200; i++) {
      futures.add(client.query("run-" + i));
    }

    for (int i = 0; i < 200; i++) {
      QueryOutcome outcome = futures.get(i).get(20, TimeUnit.SECONDS);
      assertThat(outcome).as("outcome of run-%d", i).isInstanceOf(QueryOutcome.Terminal.class);
      assertThat(outcome.runId()).isEqualTo("run-" + i);
    }
  }

  @Test
  void listenerHearsEveryOutcomeOnce() throws Exception {
    List<QueryOutcome> heard = new CopyOnWriteArrayList<>();
    client.close();
    client =
        new WorkflowApiClient(
            api(stub.baseUrl(), KEY), Clock.systemUTC(), (outcome, latency) -> heard.add(outcome));
    stub.answer(404, Map.of(), ERROR_404);

    QueryOutcome outcome = query("r-1");

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
    assertThat(heard).containsExactly(outcome);
  }

  @Test
  void queryAfterCloseIsAnOutcomeNotAnException() throws Exception {
    client.close();

    QueryOutcome outcome = query("r-1");

    assertThat(((QueryOutcome.Transient) outcome).failure()).isEqualTo(TransientKind.IO_ERROR);
  }

  @Test
  void keyThatCannotBeSentIsAConfigErrorThatDoesNotShowIt() {
    String badKey = "secret-part\nInjected: header";

    assertThatThrownBy(() -> new WorkflowApiClient(api(stub.baseUrl(), badKey), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.key")
        .hasMessageNotContaining("secret-part");
  }

  static AppConfig.Api api(URI baseUrl, String key) {
    return TestConfig.api(baseUrl, key, Duration.ofSeconds(5), 1024 * 1024, 8 * 1024 * 1024);
  }
}
