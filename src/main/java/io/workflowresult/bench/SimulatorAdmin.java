package io.workflowresult.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** The simulator's own endpoints the harness uses: its request log, and resetting it. */
final class SimulatorAdmin {
  private SimulatorAdmin() {}

  /** The {@code reset} tool: {@code --url} is the simulator's base URL. */
  static int run(BenchArgs args) throws IOException, InterruptedException {
    send(args.text("url") + "/stats/reset", HttpRequest.BodyPublishers.noBody(), "POST");
    return 0;
  }

  /** {@code GET /stats/requests}: one request a line. */
  static String requestLog(String simulatorUrl) throws IOException, InterruptedException {
    return send(simulatorUrl + "/stats/requests", HttpRequest.BodyPublishers.noBody(), "GET");
  }

  private static String send(String url, HttpRequest.BodyPublisher body, String method)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).method(method, body).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(method + " " + url + " answered " + answer.statusCode());
    }
    return answer.body();
  }
}
