/**
 * Dead letters: the record format with its size caps ({@link
 * io.workflowresult.deadletter.DeadLetter}, built by {@link
 * io.workflowresult.deadletter.DeadLetters}), the reasons ({@link
 * io.workflowresult.deadletter.DeadLetterReason}), and {@code redrive}, which sends letters back to
 * the input topic ({@link io.workflowresult.deadletter.DeadLetterRedrive}).
 *
 * <p>May use: {@code api}, {@code config}, {@code delay}, {@code kafka}.
 */
package io.workflowresult.deadletter;
