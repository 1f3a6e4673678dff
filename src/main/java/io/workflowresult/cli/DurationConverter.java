package io.workflowresult.cli;

import io.workflowresult.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a command-line duration the way the configuration does: {@code 500ms}, {@code 2s}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return Durations.parse(value)
        .orElseThrow(
            () ->
                new TypeConversionException(
                    "expected a duration like 500ms, 2s, 5m, 24h or 7d, got " + value));
  }
}
