package io.workflowresult.config;

/** A secret value whose {@code toString} never shows it. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The secret itself; call only where it is sent, never where it may be printed. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "[redacted]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
