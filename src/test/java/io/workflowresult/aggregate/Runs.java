package io.workflowresult.aggregate;

/** Run objects as the API writes them, for tests; {@code cost} is put in the JSON as raw text. */
final class Runs {
  private Runs() {}

  static String run(
      String runId, String workflowId, String status, String cost, long tokens, Long endTime) {
    return "{\"workflowId\":\""
        + workflowId
        + "\",\"workflowName\":\"name-"
        + workflowId
        + "\",\"workflowVersion\":\"1.0.1\",\"workflowRunId\":\""
        + runId
        + "\",\"input\":{\"topic\":\"News\"},\"output\":{\"news\":[{\"title\":\"t\"}]},"
        + "\"workflowExecutionTime\":8347,\"status\":\""
        + status
        + "\",\"totalCost\":"
        + cost
        + ",\"totalTokens\":"
        + tokens
        + ",\"startTime\":1758765323024"
        + (endTime == null ? "" : ",\"endTime\":" + endTime)
        + "}";
  }

  static String succeeded(String runId, String workflowId, String cost, long endTime) {
    return run(runId, workflowId, "SUCCEED", cost, 10, endTime);
  }
}
