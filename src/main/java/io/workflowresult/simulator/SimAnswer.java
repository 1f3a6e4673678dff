package io.workflowresult.simulator;

import java.util.Map;

/**
 * One answer of the simulated API, before it is sent.
 *
 * @param httpStatus the HTTP status code
 * @param headers extra response headers (Content-Type is always JSON)
 * @param body the JSON body
 * @param delayMillis how long to hold the answer before sending it
 * @param runStatus the run's {@code status} in a 200 answer, else null (for statistics)
 * @param cut whether the connection is closed after half the body (see {@link ConnectionFaults})
 */
record SimAnswer(
    int httpStatus,
    Map<String, String> headers,
    byte[] body,
    long delayMillis,
    String runStatus,
    boolean cut) {

  SimAnswer(
      int httpStatus,
      Map<String, String> headers,
      byte[] body,
      long delayMillis,
      String runStatus) {
    this(httpStatus, headers, body, delayMillis, runStatus, false);
  }

  static SimAnswer error(int httpStatus, String code, String message, Map<String, String> headers) {
    return new SimAnswer(httpStatus, headers, RunJson.error(code, message, httpStatus), 0, null);
  }

  SimAnswer delayedBy(long millis) {
    return new SimAnswer(httpStatus, headers, body, delayMillis + millis, runStatus, cut);
  }

  SimAnswer cutMidBody() {
    return new SimAnswer(httpStatus, headers, body, delayMillis, runStatus, true);
  }
}
