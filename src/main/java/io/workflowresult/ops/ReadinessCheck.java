package io.workflowresult.ops;

import java.util.Optional;

/** One condition of {@code /health/ready}, asked on every request (keep it cheap). */
@FunctionalInterface
public interface ReadinessCheck {

  /**
   * Empty while the condition holds; else a short reason, e.g. {@code "no partitions assigned"}.
   */
  Optional<String> problem();
}
