/**
 * Learned polling: each workflow's run times, learned from terminal answers, decide when a run that
 * is not finished yet is asked again — at its start plus a quantile of its workflow's run time,
 * then up a short {@link io.workflowresult.delay.learned.Ladder} of higher quantiles, then the
 * exponential {@link io.workflowresult.delay.PollSchedule}.
 *
 * <p>Owns: what is learned ({@link io.workflowresult.delay.learned.RunTimeBook}, a bounded map of
 * windowed HdrHistograms per workflow and version), the schedule ({@link
 * io.workflowresult.delay.learned.QueryPlanner}, pure, the time an argument), the record that
 * shares what was learned between the instances of an {@code app.id} and across restarts ({@link
 * io.workflowresult.delay.learned.RunStatsRecord} on {@code topics.run-stats}, with its writer and
 * reader), and the metrics interface these parts report to.
 *
 * <p>The wiring hands in settings and collaborators (never the configuration itself), and the
 * resolver translates the API's answers into {@link io.workflowresult.delay.learned.RunTiming} and
 * {@link io.workflowresult.delay.learned.NotYetAnswer}: nothing here knows the API client, the
 * resolver or intake.
 *
 * <p>May use: {@code delay} (the exponential schedule), {@code kafka} (JSON mapper, clients handed
 * in), HdrHistogram.
 */
package io.workflowresult.delay.learned;
