package io.workflowresult.kafka;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigException;
import io.workflowresult.config.ConfigKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.FencedInstanceIdException;

/**
 * The stable identity of an instance: {@code instance.id} when set, else the one kept in {@code
 * state.dir/instance.id}, created at the first start (the directory is locked while the instance
 * runs, see {@code cli.StateDirLock}). Every group member of the instance joins as a static member
 * named after it, so a restart takes its partitions back at once.
 *
 * <p><b>Two running instances with one identity</b> (a copied {@code state.dir}: a disk snapshot, a
 * cloned VM; or one {@code instance.id} given twice) would fence each other in turn: the broker
 * fences the older member when the newer one joins. The fenced instance stops with one line that
 * says so (exit code 2) and records it in {@code state.dir/instance.fenced}, so that its supervisor
 * restarting it does not fence the other one back: a later start with the same identity stops with
 * the same line until the instance is given an identity of its own.
 */
public final class InstanceIdentity {
  static final String FILE_NAME = "instance.id";
  static final String FENCED_FILE_NAME = "instance.fenced";
  private static final Pattern VALID = Pattern.compile("[a-zA-Z0-9._-]{1,200}");
  private static final String TAKEN_OVER = "another running instance uses the identity ";
  private static final String FENCED = "fenced by the broker: ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private InstanceIdentity() {}

  /**
   * {@code config} with its identity resolved.
   *
   * @throws ConfigException when the identity file cannot be read or written, holds no valid
   *     identity, or this identity was taken over by another running instance before
   */
  public static AppConfig resolve(AppConfig config) {
    String id = config.instance().id().orElseGet(() -> readOrCreate(config.stateDir()));
    refuseIfTakenOver(config.stateDir(), id);
    return config.withInstanceId(id);
  }

  /**
   * When {@code failure} (of a part that stopped) is the broker fencing this instance's static
   * membership, a line that says so; {@link #isTakenOver} recognises it.
   */
  public static Optional<String> takenOver(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FencedInstanceIdException) {
        return Optional.of(FENCED + t.getMessage());
      }
    }
    return Optional.empty();
  }

  /** Whether {@code line} is a {@link #takenOver} line. */
  public static boolean isTakenOver(String line) {
    return line.startsWith(FENCED);
  }

  /** The one line {@code run} stops with once {@code id} was taken over. */
  public static String takenOverLine(String id) {
    return TAKEN_OVER
        + id
        + " (group.instance.id) and has taken over its partitions: a copied state.dir, or one"
        + " instance.id given to two instances; give each instance a state.dir of its own (or"
        + " its own instance.id)";
  }

  /** Records that {@code id} was taken over, so that a restart does not take it back. */
  public static void recordTakenOver(Path stateDir, String id, String cause) {
    try {
      Files.writeString(
          stateDir.resolve(FENCED_FILE_NAME),
          id + "\n" + Instant.now() + "\n" + cause + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the line itself still stops the process; only the guard against a restart is lost
    }
  }

  private static void refuseIfTakenOver(Path stateDir, String id) {
    Path marker = stateDir.resolve(FENCED_FILE_NAME);
    if (!Files.isRegularFile(marker)) {
      return;
    }
    String fencedId;
    try {
      fencedId = Files.readAllLines(marker, StandardCharsets.UTF_8).stream().findFirst().orElse("");
    } catch (IOException e) {
      fencedId = id;
    }
    if (fencedId.trim().equals(id)) {
      throw new ConfigException(
          ConfigKeys.INSTANCE_ID,
          takenOverLine(id)
              + "; then delete "
              + marker.toAbsolutePath()
              + " (written when it was)");
    }
  }

  private static String readOrCreate(Path stateDir) {
    Path file = stateDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        String id = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!VALID.matcher(id).matches()) {
          throw new ConfigException(
              ConfigKeys.STATE_DIR,
              file.toAbsolutePath()
                  + " must hold this instance's identity (1-200 letters, digits, '.', '_' or"
                  + " '-'); delete it to get a new one, or set instance.id");
        }
        return id;
      }
      byte[] bytes = new byte[6];
      RANDOM.nextBytes(bytes);
      String id = "wrp-" + HexFormat.of().formatHex(bytes);
      Path tmp = stateDir.resolve(FILE_NAME + ".tmp");
      Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new ConfigException(
          ConfigKeys.STATE_DIR,
          "state.dir " + stateDir + " cannot keep the instance identity: " + e.getMessage());
    }
  }
}
