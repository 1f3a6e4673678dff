package io.workflowresult.config;

/**
 * A configuration mistake: its message is one line that names the key and what it accepts, e.g.
 * {@code query.max-in-flight must be between 1 and 10000, got 0}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The configuration key at fault. */
  public String key() {
    return key;
  }
}
