/**
 * The command line and the wiring: {@link io.workflowresult.cli.Main} and one class per command
 * ({@code run}, {@code simulate}, {@code submit}, {@code redrive}), the mapping of failures to an
 * exit code and one line ({@link io.workflowresult.cli.ExitCodes}), and {@link
 * io.workflowresult.cli.PipelineAssembly}, the one place that builds the parts of the pipeline from
 * the configuration. Nothing depends on this room.
 *
 * <p>May use: every room.
 */
package io.workflowresult.cli;
