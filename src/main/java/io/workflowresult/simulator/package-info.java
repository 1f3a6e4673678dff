/**
 * A local stand-in for the workflow API (the target of the demo, the integration tests and the
 * benchmark): deterministic runs from a hash of the ID and a seed, faults, a real rate limit, and
 * endpoints that tell the truth about each run. A tool: only the command line starts it.
 *
 * <p>May use: {@code config}.
 */
package io.workflowresult.simulator;
