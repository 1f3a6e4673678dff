package io.workflowresult.simulator;

import java.util.Map;

/**
 * One request to the simulated API, apart from the HTTP server that carries it: counted when it
 * {@link #begin begins}, answered (logged and counted) right before its answer is written. Lets
 * another server front (the benchmark's HTTPS + HTTP/2 one) serve the same API as {@link
 * SimulatorServer}.
 */
public final class ApiCall {
  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private final Simulator simulator;
  private final SimAnswer answer;
  private final long arrivedAtMs;
  private final String runId;

  private ApiCall(Simulator simulator, SimAnswer answer, long arrivedAtMs, String runId) {
    this.simulator = simulator;
    this.answer = answer;
    this.arrivedAtMs = arrivedAtMs;
    this.runId = runId;
  }

  /** The most request-body bytes read; a body past it is answered 413. */
  public static int maxRequestBytes() {
    return MAX_REQUEST_BYTES;
  }

  /**
   * A request arrived: {@code body} is what was read of it, at most {@link #maxRequestBytes()} + 1
   * bytes (more means too large).
   */
  public static ApiCall begin(
      Simulator simulator, String method, String authorization, byte[] body) {
    simulator.recorder().requestStarted();
    long arrivedAt = System.currentTimeMillis();
    if (!"POST".equals(method)) {
      return new ApiCall(
          simulator,
          SimAnswer.error(405, "METHOD_NOT_ALLOWED", "use POST", Map.of("Allow", "POST")),
          arrivedAt,
          null);
    }
    if (body.length > MAX_REQUEST_BYTES) {
      return new ApiCall(
          simulator,
          SimAnswer.error(413, "PAYLOAD_TOO_LARGE", "request body too large", Map.of()),
          arrivedAt,
          null);
    }
    SimAnswer answer;
    try {
      answer = simulator.answer(authorization, body);
    } catch (RuntimeException e) {
      answer = failed();
    }
    return new ApiCall(simulator, answer, arrivedAt, RunIdRequest.runId(body).orElse(null));
  }

  /** A request that could not be read: answered 500. */
  public static ApiCall unreadable(Simulator simulator) {
    simulator.recorder().requestStarted();
    return new ApiCall(simulator, failed(), System.currentTimeMillis(), null);
  }

  private static SimAnswer failed() {
    return SimAnswer.error(500, "INTERNAL_ERROR", "simulator failure", Map.of());
  }

  /** How long to hold the answer before writing it; waiting should hold no thread. */
  public long delayMillis() {
    return answer.delayMillis();
  }

  public int httpStatus() {
    return answer.httpStatus();
  }

  /** Headers to send besides {@code Content-Type: application/json; charset=utf-8}. */
  public Map<String, String> headers() {
    return answer.headers();
  }

  public byte[] body() {
    return answer.body();
  }

  /** Whether the connection is to be cut after half the body (a fault the simulator injects). */
  public boolean cut() {
    return answer.cut();
  }

  /**
   * Logs and counts the answer; call right before writing it, so that a client that reads {@code
   * /stats} after its answer always finds it counted.
   */
  public void answering() {
    simulator
        .requestLogSink()
        .add(
            new LoggedRequest(
                arrivedAtMs,
                System.currentTimeMillis(),
                runId,
                answer.httpStatus(),
                answer.runStatus(),
                RequestLog.kept(answer.headers())));
    simulator.recorder().requestFinished(answer.httpStatus(), answer.runStatus());
  }

  /** The server is stopping and the answer will not be written: counted, not logged. */
  public void abandoned() {
    simulator.recorder().requestFinished(answer.httpStatus(), answer.runStatus());
  }
}
