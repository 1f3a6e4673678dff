/**
 * The command line: {@link io.workflowresult.cli.Main} and one class per command ({@code run},
 * {@code simulate}, {@code submit}, {@code redrive}), and the mapping of failures to an exit code
 * and one line ({@link io.workflowresult.cli.ExitCodes}). {@code run} hands the configuration to
 * {@code pipeline}, which builds the parts. Nothing depends on this room.
 *
 * <p>May use: every room.
 */
package io.workflowresult.cli;
