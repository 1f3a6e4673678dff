package io.workflowresult.simulator;

/**
 * Stable 64-bit hashes (FNV-1a folded through the SplitMix64 finalizer): the same inputs give the
 * same value on every JVM, which is what makes a run's fate reproducible from its ID and the seed.
 */
final class Hashes {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Hashes() {}

  static long of(long seed, String text) {
    long h = 0xcbf29ce484222325L ^ mix(seed);
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** A further independent value derived from {@code hash}, e.g. per request number. */
  static long then(long hash, long n) {
    return mix(hash + GOLDEN * (n + 1));
  }

  /** A double uniformly distributed in [0, 1). */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
