package io.workflowresult.aggregate.query;

import io.workflowresult.api.BoundedGet;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link PeerClient} over the service's bounded HTTP {@code GET} ({@link BoundedGet}): connect
 * timeout, a timeout for the whole answer, and a cap on the body it reads.
 */
public final class HttpPeerClient implements PeerClient {
  /** Largest answer read from a peer: {@code /costs} of a few hundred thousand workflows. */
  static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  private final BoundedGet http;

  public HttpPeerClient(Duration connectTimeout, Duration readTimeout) {
    this.http = new BoundedGet(connectTimeout, readTimeout, MAX_BODY_BYTES);
  }

  @Override
  public Optional<String> get(HostInfo host, String pathAndQuery) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
    BoundedGet.Answer answer;
    try {
      answer = http.get(uri);
    } catch (BoundedGet.TooLargeException e) {
      throw new CostsUnavailableException("instance " + host + " answer too large");
    } catch (IOException e) {
      throw new CostsUnavailableException("instance " + host + " unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CostsUnavailableException("interrupted while asking instance " + host, e);
    }
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.status() != 200) {
      throw new CostsUnavailableException("instance " + host + " answered " + answer.status());
    }
    return Optional.of(answer.text());
  }
}
