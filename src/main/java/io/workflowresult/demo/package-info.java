/**
 * The demo's helpers, run by {@code scripts/demo.sh}: the progress bar read from a running
 * processor ({@link io.workflowresult.demo.DemoProgress}, through {@link
 * io.workflowresult.demo.ProcessorProbe}). A tool: nothing of the service depends on it. ({@code
 * scripts/demo.sh --benchmark} runs {@code scripts/bench.sh}, whose code is {@code bench}.)
 *
 * <p>May use: {@code aggregate}, {@code api}.
 */
package io.workflowresult.demo;
