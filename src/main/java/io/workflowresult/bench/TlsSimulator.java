package io.workflowresult.bench;

import io.workflowresult.simulator.ApiCall;
import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.Simulator;
import io.workflowresult.simulator.SimulatorOptions;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * The simulated API over HTTPS with HTTP/2 (HTTP/1.1 by ALPN for clients that ask for it), served
 * by Jetty: the same {@link Simulator} as {@code simulate}, for the benchmark's HTTP/2 case (the
 * JDK's own server speaks no HTTP/2). Delayed answers hold no thread. Besides the API it serves
 * {@code GET /stats/requests} and {@code POST /stats/reset}. Needs Jetty on the class path
 * (scripts/bench.sh puts it there) and a key store holding the certificate made for the run.
 */
final class TlsSimulator {
  private static final String API_PATH = "/v1/workflow/query/result";

  private TlsSimulator() {}

  static int run(BenchArgs args) throws Exception {
    SimulatorOptions options =
        SimulatorOptions.builder()
            .apiKey(args.text("api-key"))
            .latency(DurationRange.parse(args.text("latency")))
            .runTime(DurationRange.parse(args.text("run-time")))
            .build();
    Simulator simulator = new Simulator(options);
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    Server server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    config.addCustomizer(new SecureRequestCustomizer());
    HttpConnectionFactory http1 = new HttpConnectionFactory(config);
    HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(config);
    http2.setMaxConcurrentStreams(4096);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
    alpn.setDefaultProtocol(http1.getProtocol());
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(args.text("keystore"));
    tls.setKeyStorePassword(args.text("password"));
    tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http1);
    connector.setHost("127.0.0.1");
    connector.setPort(args.integer("port"));
    server.addConnector(connector);
    server.setHandler(new ApiHandler(simulator, timer));
    server.start();
    System.out.println(
        "TLS simulator (h2, http/1.1) listening on https://127.0.0.1:" + connector.getLocalPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.stop();
                  } catch (Exception e) {
                    // stopping anyway
                  }
                  timer.shutdownNow();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** The API and the request log; everything else 404. Never blocks, so Jetty calls it in place. */
  private static final class ApiHandler extends Handler.Abstract.NonBlocking {
    private final Simulator simulator;
    private final ScheduledThreadPoolExecutor timer;

    ApiHandler(Simulator simulator, ScheduledThreadPoolExecutor timer) {
      this.simulator = simulator;
      this.timer = timer;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      if (path.equals("/stats/requests")) {
        write(response, 200, "text/plain; charset=utf-8", simulator.requestLogText(), callback);
      } else if (path.equals("/stats/reset") && request.getMethod().equals("POST")) {
        simulator.resetStats();
        write(response, 200, "text/plain; charset=utf-8", new byte[0], callback);
      } else if (path.equals(API_PATH)) {
        Content.Source.asByteArrayAsync(
            request,
            ApiCall.maxRequestBytes() + 1,
            Promise.Invocable.from(
                Invocable.InvocationType.NON_BLOCKING,
                (byte[] body, Throwable error) -> answer(request, response, callback, body)));
      } else {
        write(response, 404, "text/plain; charset=utf-8", new byte[0], callback);
      }
      return true;
    }

    private void answer(Request request, Response response, Callback callback, byte[] body) {
      ApiCall call =
          body == null
              ? ApiCall.begin(
                  simulator, request.getMethod(), null, new byte[ApiCall.maxRequestBytes() + 1])
              : ApiCall.begin(
                  simulator,
                  request.getMethod(),
                  request.getHeaders().get(HttpHeader.AUTHORIZATION),
                  body);
      Runnable send =
          () -> {
            call.answering();
            call.headers().forEach((name, value) -> response.getHeaders().put(name, value));
            write(
                response,
                call.httpStatus(),
                "application/json; charset=utf-8",
                call.body(),
                callback);
          };
      if (call.delayMillis() <= 0) {
        send.run();
      } else {
        timer.schedule(send, call.delayMillis(), TimeUnit.MILLISECONDS);
      }
    }

    private static void write(
        Response response, int status, String type, byte[] body, Callback callback) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Long.toString(body.length));
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }
}
