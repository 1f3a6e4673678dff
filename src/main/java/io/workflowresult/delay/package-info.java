/**
 * The delay: the delay-topic record of a run waiting for its next query ({@link
 * io.workflowresult.delay.DelayRecord}), when it is due again ({@link
 * io.workflowresult.delay.PollSchedule}), and the bounded in-memory buffer that holds fetched runs
 * until they are due ({@link io.workflowresult.delay.DelayBuffer}).
 *
 * <p>May use: {@code config}, {@code kafka}.
 */
package io.workflowresult.delay;
