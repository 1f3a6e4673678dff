package io.workflowresult.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run} started, closed in the reverse order of starting: the last part started (the one
 * that takes input) stops first, the operations surface last. A part that fails to close is logged
 * and the others are still closed.
 */
final class Closer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Closer.class);

  private final Deque<NamedCloseable> parts = new ArrayDeque<>();

  private record NamedCloseable(String name, AutoCloseable part) {}

  /** Registers {@code part} and returns it. */
  <T extends AutoCloseable> T add(String name, T part) {
    parts.push(new NamedCloseable(name, part));
    return part;
  }

  @Override
  public void close() {
    while (!parts.isEmpty()) {
      NamedCloseable next = parts.pop();
      try {
        next.part().close();
        log.debug("{} closed", next.name());
      } catch (Exception e) {
        log.warn("closing {} failed: {}", next.name(), e.toString());
      }
    }
  }
}
