package io.workflowresult.testing.verify;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON Schemas of schemas/, and what a record breaks of one (empty when it is valid). */
public final class RecordSchemas {
  public static final String INPUT = "input-record";
  public static final String DELAY = "delay-record";
  public static final String DEAD_LETTER = "dead-letter";
  public static final String COST_TOTALS = "cost-totals";
  public static final String COST_WINDOWS = "cost-windows";
  public static final String RUN_STATS = "run-stats";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  private RecordSchemas() {}

  /** The violations of schema {@code name} by the JSON {@code record}, as messages. */
  public static List<String> violations(String name, byte[] record) {
    List<Error> errors =
        schema(name).validate(new String(record, StandardCharsets.UTF_8), InputFormat.JSON);
    return errors.stream().map(Error::toString).toList();
  }

  private static Schema schema(String name) {
    return SCHEMAS.computeIfAbsent(
        name,
        n -> {
          try {
            return REGISTRY.getSchema(
                Files.readString(Path.of("schemas", n + ".schema.json")), InputFormat.JSON);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
