package io.workflowresult.aggregate.query;

/**
 * A cost query cannot be answered now (Streams not running, rebalancing, or an instance holding
 * part of the answer unreachable); the HTTP answer is 503 and the caller may retry.
 */
public final class CostsUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CostsUnavailableException(String message) {
    super(message);
  }

  public CostsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
