package io.workflowresult.simulator;

import java.util.List;

/**
 * One of the few workflows the simulated runs belong to.
 *
 * @param inputKey the name of the one field of the run's {@code input} object
 */
public record Workflow(String id, String name, String version, String inputKey) {

  /** The workflows every run is drawn from. */
  public static final List<Workflow> CATALOG =
      List.of(
          new Workflow("wf-7d1c2a0e", "todayNews", "1.0.1", "topic"),
          new Workflow("wf-31b9f4c2", "summarize", "2.3.0", "text"),
          new Workflow("wf-a0e85d17", "translate", "1.4.2", "text"),
          new Workflow("wf-5c62e9b8", "classifyTicket", "3.0.0", "ticket"),
          new Workflow("wf-e4f07a63", "extractInvoice", "1.1.7", "documentUrl"));
}
