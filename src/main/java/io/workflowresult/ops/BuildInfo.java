package io.workflowresult.ops;

import java.util.Optional;

/**
 * What build this process runs: the {@code Implementation-Version} of the jar's manifest (the Maven
 * project version, written by the build), empty when the classes are not run from the built jar
 * (from an IDE or {@code target/classes}).
 */
public final class BuildInfo {
  private BuildInfo() {}

  /** The version of the running jar, when known. */
  public static Optional<String> version() {
    return Optional.ofNullable(BuildInfo.class.getPackage().getImplementationVersion());
  }

  /** The version, or {@code unknown}: the label of {@code wrp_build_info}. */
  public static String versionOrUnknown() {
    return version().orElse("unknown");
  }
}
