package io.workflowresult.api;

import java.io.IOException;

/**
 * How a query reaches the API ({@code api.transport}): {@link Http1Transport}, the service's own
 * HTTP/1.1 client on persistent connections, or {@link JdkTransport}, {@code java.net.http}. Either
 * runs one exchange on the calling thread; the caller bounds how many run at once.
 */
interface Transport extends AutoCloseable {

  /**
   * Posts {@code body} (JSON) to the query endpoint and returns once the answer's status and
   * headers are read, its body still to be read. {@code exchange} is told what to close to abort
   * it.
   */
  HttpAnswer post(byte[] body, Exchange exchange) throws IOException, InterruptedException;

  /** Releases connections and threads; exchanges in flight fail or finish. */
  @Override
  void close();
}
