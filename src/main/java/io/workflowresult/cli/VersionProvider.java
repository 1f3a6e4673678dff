package io.workflowresult.cli;

import io.workflowresult.ops.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** What {@code --version} prints: the name and the version from the jar's manifest. */
public final class VersionProvider implements IVersionProvider {
  static final String NAME = "workflow-result-processor";

  @Override
  public String[] getVersion() {
    return new String[] {
      NAME + " " + BuildInfo.version().orElse("(version unknown: not run from the built jar)"),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
