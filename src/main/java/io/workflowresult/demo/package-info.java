/**
 * The demo's helpers, run by {@code scripts/demo.sh}: the progress bar read from a running
 * processor ({@link io.workflowresult.demo.DemoProgress}) and the benchmark's raw HTTP baseline
 * through the service's own API client ({@link io.workflowresult.demo.RawHttpBaseline}). A tool:
 * nothing of the service depends on it.
 *
 * <p>May use: {@code aggregate}, {@code api}, {@code config}.
 */
package io.workflowresult.demo;
