package io.workflowresult.aggregate.query;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link PeerClient} over {@link HttpURLConnection} (only the {@code api} package uses {@code
 * java.net.http}). Bounded: connect and read timeouts, and a cap on the body it reads.
 */
public final class HttpPeerClient implements PeerClient {
  /** Largest answer read from a peer: {@code /costs} of a few hundred thousand workflows. */
  static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

  private final int connectTimeoutMs;
  private final int readTimeoutMs;

  public HttpPeerClient(Duration connectTimeout, Duration readTimeout) {
    this.connectTimeoutMs = Math.toIntExact(connectTimeout.toMillis());
    this.readTimeoutMs = Math.toIntExact(readTimeout.toMillis());
  }

  @Override
  public Optional<String> get(HostInfo host, String pathAndQuery) {
    URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout(connectTimeoutMs);
      connection.setReadTimeout(readTimeoutMs);
      connection.setRequestProperty("Accept", "application/json");
      int status = connection.getResponseCode();
      if (status == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      if (status != HttpURLConnection.HTTP_OK) {
        throw new CostsUnavailableException("instance " + host + " answered " + status);
      }
      try (InputStream body = connection.getInputStream()) {
        byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
          throw new CostsUnavailableException("instance " + host + " answer too large");
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new CostsUnavailableException("instance " + host + " unreachable: " + e, e);
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }
}
