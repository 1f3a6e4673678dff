/**
 * The benchmark harness that {@code scripts/bench.sh} runs (README, "Benchmark"): the raw HTTP
 * limit, the naive baseline, the measuring of one service case (load, process CPU, results, totals,
 * latencies), the HTTPS + HTTP/2 front of the simulator, and the report. Benchmark code only: the
 * service never reaches it. It may use {@code java.net.http} (the raw limit and the baseline must
 * not go through the service's client), the simulator, and Jetty (provided scope, on the class path
 * of the HTTPS front's process only).
 *
 * <p>May use: every room.
 */
package io.workflowresult.bench;
