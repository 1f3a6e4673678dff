package io.workflowresult.delay.learned;

import java.util.Objects;

/**
 * What run times are learned per: a workflow and its version ({@code ""} when the answer named
 * none), since a new version may take another time.
 */
public record WorkflowKey(String workflowId, String workflowVersion) {
  public WorkflowKey {
    Objects.requireNonNull(workflowId, "workflowId");
    workflowVersion = workflowVersion == null ? "" : workflowVersion;
  }
}
