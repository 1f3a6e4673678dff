package io.workflowresult.ops;

/**
 * What {@code /costs} answers, bound by the wiring to the aggregator's routes: given the raw path
 * (starting with {@code /costs}) and raw query of a GET, the status and the JSON body to send.
 */
@FunctionalInterface
public interface CostLookup {

  Answer answer(String rawPath, String rawQuery);

  /** An HTTP status and a JSON body. */
  record Answer(int status, String json) {}
}
