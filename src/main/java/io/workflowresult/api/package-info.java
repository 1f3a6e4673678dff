/**
 * The workflow API, seen from the service: {@link io.workflowresult.api.WorkflowApiClient} asks for
 * a run's result and classifies every answer into a {@link io.workflowresult.api.QueryOutcome}
 * value (terminal, not yet, transient, not found, unauthorized, malformed, too large), never an
 * exception. The one home of {@code java.net.http}: {@link io.workflowresult.api.BoundedGet} is the
 * small GET the service's other HTTP calls (a peer's {@code /costs}, the demo's probe) use.
 *
 * <p>May use: {@code config}.
 */
package io.workflowresult.api;
