package io.workflowresult.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;

/**
 * What {@code /health/ready} answers: ready when every registered condition holds. Conditions are
 * either asked ({@link #register}, e.g. the Streams state) or pushed ({@link #flag}, e.g.
 * partitions assigned, the API key accepted) by whoever knows them; the wiring connects the two.
 */
public final class Readiness {
  private final List<Map.Entry<String, ReadinessCheck>> checks = new CopyOnWriteArrayList<>();
  private final List<Map.Entry<String, IntSupplier>> owned = new CopyOnWriteArrayList<>();

  /** Adds a condition named {@code name} (the key of its reason in the JSON answer). */
  public void register(String name, ReadinessCheck check) {
    checks.add(Map.entry(name, check));
  }

  /** Adds a pushed condition, initially failing with {@code initialReason}. */
  public Flag flag(String name, String initialReason) {
    Flag flag = new Flag(initialReason);
    register(name, flag);
    return flag;
  }

  /**
   * Adds a part whose partition count {@code /health/ready} shows (0 for a standby, which is ready
   * all the same).
   */
  public void owns(String part, IntSupplier partitions) {
    owned.add(Map.entry(part, partitions));
  }

  /** Partitions each part owns now, in registration order. */
  public Map<String, Integer> partitions() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<String, IntSupplier> part : owned) {
      try {
        counts.put(part.getKey(), part.getValue().getAsInt());
      } catch (RuntimeException e) {
        counts.put(part.getKey(), 0);
      }
    }
    return counts;
  }

  /** The failing conditions by name, in registration order; empty when ready. */
  public Map<String, String> problems() {
    Map<String, String> problems = new LinkedHashMap<>();
    for (Map.Entry<String, ReadinessCheck> check : checks) {
      Optional<String> problem;
      try {
        problem = check.getValue().problem();
      } catch (RuntimeException e) {
        problem = Optional.of("check failed: " + e);
      }
      problem.ifPresent(p -> problems.merge(check.getKey(), p, (a, b) -> a + "; " + b));
    }
    return problems;
  }

  public boolean ready() {
    return problems().isEmpty();
  }

  /** A condition set from outside: {@link #up()} when it holds, {@link #down(String)} when not. */
  public static final class Flag implements ReadinessCheck {
    private volatile String problem;

    private Flag(String initialReason) {
      this.problem = initialReason;
    }

    public void up() {
      problem = null;
    }

    public void down(String reason) {
      problem = reason;
    }

    @Override
    public Optional<String> problem() {
      return Optional.ofNullable(problem);
    }
  }
}
