package io.workflowresult.aggregate;

import java.util.Optional;

/**
 * The key of {@code workflow-cost-windows}: {@code <workflowId>@<windowStart ms>/<window size ms>}.
 * Windows are aligned to the epoch ({@code windowStart = floor(eventTime / size) * size}). A
 * workflow ID may itself contain {@code @}: the key is split at the last one.
 */
public record WindowKey(String workflowId, long windowStart, long sizeMs) {

  /** The window of {@code sizeMs} that holds {@code eventTime}. */
  public static WindowKey of(String workflowId, long eventTime, long sizeMs) {
    return new WindowKey(workflowId, Math.floorDiv(eventTime, sizeMs) * sizeMs, sizeMs);
  }

  /** Every window key of {@code workflowId} begins with this. */
  public static String prefix(String workflowId) {
    return workflowId + "@";
  }

  /** The key as text. */
  public String format() {
    return workflowId + "@" + windowStart + "/" + sizeMs;
  }

  /** {@code [windowStart, windowStart + sizeMs)}. */
  public CostSum.Window window() {
    return new CostSum.Window(windowStart, windowStart + sizeMs);
  }

  /** The key read back, or empty when {@code text} is not one. */
  public static Optional<WindowKey> parse(String text) {
    int at = text.lastIndexOf('@');
    int slash = text.lastIndexOf('/');
    if (at < 1 || slash < at) {
      return Optional.empty();
    }
    try {
      long start = Long.parseLong(text.substring(at + 1, slash));
      long size = Long.parseLong(text.substring(slash + 1));
      return size > 0
          ? Optional.of(new WindowKey(text.substring(0, at), start, size))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return format();
  }
}
