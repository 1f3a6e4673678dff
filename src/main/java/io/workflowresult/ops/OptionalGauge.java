package io.workflowresult.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A gauge that is absent from {@code /metrics} while it has no value (instead of showing NaN, or a
 * 0 that reads as a real value): shown from the first {@link #set}, gone again after {@link
 * #clear}. Thread-safe.
 */
final class OptionalGauge {
  private final MultiGauge gauge;
  private final AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
  private boolean shown;

  OptionalGauge(MeterRegistry registry, String name, String description, String baseUnit) {
    MultiGauge.Builder builder = MultiGauge.builder(name).description(description);
    this.gauge = (baseUnit == null ? builder : builder.baseUnit(baseUnit)).register(registry);
  }

  /** Shows {@code v} from now on; NaN is the same as {@link #clear}. */
  void set(double v) {
    value.set(v);
    show(!Double.isNaN(v));
  }

  void clear() {
    set(Double.NaN);
  }

  private synchronized void show(boolean present) {
    if (present != shown) {
      gauge.register(
          present
              ? List.of(MultiGauge.Row.of(Tags.empty(), value, AtomicReference::get))
              : List.of(),
          true);
      shown = present;
    }
  }
}
