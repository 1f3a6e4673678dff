package io.workflowresult.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator as a real local HTTP server. Start it with {@link #start(SimulatorOptions)}; close
 * it to stop (answers still waiting for their latency are dropped).
 *
 * <pre>{@code
 * try (SimulatorServer api = SimulatorServer.start(SimulatorOptions.builder().apiKey("k").build())) {
 *   URI endpoint = URI.create(api.baseUrl() + "/v1/workflow/query/result");
 *   ...
 *   assertThat(api.stats().maxInFlight()).isLessThanOrEqualTo(64);
 * }
 * }</pre>
 */
public final class SimulatorServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
  private static final int ACCEPT_BACKLOG = 1024;

  static {
    // Read by the JDK server once, when the first server starts. It writes headers and body
    // separately: with Nagle on, the body waits for the client's delayed ACK (~40 ms per
    // sequential request). And past 200 idle keep-alive connections it closes the newest, which a
    // client may be reusing at that moment ("header parser received no bytes").
    setIfAbsent("sun.net.httpserver.nodelay", "true");
    setIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private final Simulator simulator;
  private final HttpServer server;
  private final ExecutorService workers;
  private final ScheduledThreadPoolExecutor scheduler;
  private final String baseUrl;

  private SimulatorServer(SimulatorOptions options) throws IOException {
    this.simulator = new Simulator(options);
    this.workers = Executors.newFixedThreadPool(options.workerThreads(), daemon("simulator-http"));
    this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("simulator-latency"));
    scheduler.setRemoveOnCancelPolicy(true);
    this.server =
        HttpServer.create(new InetSocketAddress(options.host(), options.port()), ACCEPT_BACKLOG);
    server.createContext(ApiHandler.PATH, new ApiHandler(simulator, scheduler, workers));
    AdminHandler admin = new AdminHandler(simulator);
    server.createContext("/stats", admin);
    server.createContext("/truth", admin);
    server.createContext("/runs", admin);
    server.setExecutor(workers);
    server.start();
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
    log.debug("API simulator listening on {} with {}", baseUrl, options);
  }

  /**
   * Binds and starts a simulator.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static SimulatorServer start(SimulatorOptions options) {
    try {
      return new SimulatorServer(options);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
  }

  /** E.g. {@code http://127.0.0.1:28189}; append {@code /v1/workflow/query/result}. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public SimulatorStats stats() {
    return simulator.stats();
  }

  /** Requests that named the run since start or the last reset. */
  public long requestsFor(String runId) {
    return simulator.requestsFor(runId);
  }

  public void resetStats() {
    simulator.resetStats();
  }

  /** The simulated runs, for computing expected outcomes in-process. */
  public Simulator simulator() {
    return simulator;
  }

  @Override
  public void close() {
    server.stop(0);
    scheduler.shutdownNow();
    workers.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
