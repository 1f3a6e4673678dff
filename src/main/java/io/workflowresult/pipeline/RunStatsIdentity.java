package io.workflowresult.pipeline;

import io.workflowresult.config.AppConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name an instance writes its learned run times under ({@code topics.run-stats}): its stable
 * identity ({@code instance.id}, or the one kept in {@code state.dir}, see {@code
 * kafka.InstanceIdentity}) once resolved, as {@code run} does at start; else, from what identifies
 * it across restarts, its {@code http.advertised-host} and its {@code state.dir}, as {@code
 * <host>-<8 hex digits of the directory's absolute path>}. An instance restarted with the same
 * identity takes its own records back.
 */
final class RunStatsIdentity {
  private RunStatsIdentity() {}

  static String of(AppConfig config) {
    return config.instance().id().orElseGet(() -> fromHostAndStateDir(config));
  }

  private static String fromHostAndStateDir(AppConfig config) {
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
