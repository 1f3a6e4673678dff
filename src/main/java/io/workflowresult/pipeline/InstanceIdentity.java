package io.workflowresult.pipeline;

import io.workflowresult.config.AppConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name an instance writes its learned run times under ({@code topics.run-stats}), from what
 * identifies it across restarts: its {@code http.advertised-host} (by default the host's name; a
 * StatefulSet's pod name) and its {@code state.dir} (one running instance per directory, locked at
 * start), as {@code <host>-<8 hex digits of the directory's absolute path>}. An instance restarted
 * with the same host name and directory takes its own records back.
 */
final class InstanceIdentity {
  private InstanceIdentity() {}

  static String of(AppConfig config) {
    String dir = config.stateDir().toAbsolutePath().normalize().toString();
    return config.http().advertisedHost() + "-" + shortHash(dir);
  }

  private static String shortHash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
