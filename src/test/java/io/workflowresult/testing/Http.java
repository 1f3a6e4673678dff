package io.workflowresult.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A tiny blocking GET for endpoint tests. */
public final class Http {
  private Http() {}

  public record Response(int status, String contentType, String body) {}

  public static Response get(int port, String pathAndQuery) throws IOException {
    return get(port, pathAndQuery, null);
  }

  /** As {@link #get(int, String)}, with an {@code Accept} header unless {@code accept} is null. */
  public static Response get(int port, String pathAndQuery, String accept) throws IOException {
    HttpURLConnection c =
        (HttpURLConnection)
            URI.create("http://localhost:" + port + pathAndQuery).toURL().openConnection();
    if (accept != null) {
      c.setRequestProperty("Accept", accept);
    }
    c.setConnectTimeout(5_000);
    c.setReadTimeout(10_000);
    try {
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(status, c.getContentType(), body);
    } finally {
      c.disconnect();
    }
  }
}
