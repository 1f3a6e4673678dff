package io.workflowresult.resolver.politeness;

/** What a gate allows at one moment. */
public enum Admission {
  /** The gate is open: dispatch as many requests as permits allow. */
  OPEN,
  /** The gate is closed but its time has come: dispatch exactly this one request, as a probe. */
  PROBE,
  /** Dispatch nothing for now; the gate says how long to wait. */
  WAIT
}
