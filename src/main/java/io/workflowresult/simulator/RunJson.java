package io.workflowresult.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * Writes the simulator's JSON bodies, fields in the seed's order ({@code input}/{@code output}
 * before {@code status}/{@code totalCost}). Cost is written from its decimal text, never a double.
 */
final class RunJson {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String FILLER =
      "Fatal crash shuts down major highway in Haleiwa; paramedics responded Wednesday. ";

  private RunJson() {}

  /** The run object as answered with {@code status}, for a clock started at {@code clockStart}. */
  static byte[] answer(SimulatedRun run, String status, long clockStart) {
    return write(g -> writeRun(g, run, status, OptionalLong.of(clockStart), true));
  }

  /** A 200 body that looks like a run but lacks {@code status}. */
  static byte[] malformed(SimulatedRun run) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("workflowId", run.workflow().id());
          g.writeStringField("workflowRunId", run.runId());
          g.writeNumberField("totalCost", run.totalCost());
          g.writeEndObject();
        });
  }

  /** {@code {"error": {"code", "message", "status"}}}. */
  static byte[] error(String code, String message, int httpStatus) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeObjectFieldStart("error");
          g.writeStringField("code", code);
          g.writeStringField("message", message);
          g.writeNumberField("status", httpStatus);
          g.writeEndObject();
          g.writeEndObject();
        });
  }

  /**
   * What a run will finish with, without starting its clock: {@code outcome}, {@code
   * terminalAfterMs}, {@code firstQueryAt} (null before the first answered query), {@code
   * startedAt} (when its clock started: its start, else its first answered query; null before
   * either), and {@code run}, the terminal run object ({@code startTime}/{@code endTime} only once
   * the clock runs; null for runs that never finish).
   */
  static byte[] truth(SimulatedRun run, OptionalLong firstQueryAt, OptionalLong clockStart) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("workflowRunId", run.runId());
          g.writeStringField("kind", run.kind().name());
          g.writeStringField("outcome", outcome(run));
          g.writeNumberField("terminalAfterMs", run.runTimeMillis());
          g.writeFieldName("firstQueryAt");
          if (firstQueryAt.isPresent()) {
            g.writeNumber(firstQueryAt.getAsLong());
          } else {
            g.writeNull();
          }
          g.writeFieldName("startedAt");
          if (clockStart.isPresent()) {
            g.writeNumber(clockStart.getAsLong());
          } else {
            g.writeNull();
          }
          g.writeFieldName("run");
          if (run.finishes()) {
            writeRun(g, run, run.terminalStatus(), clockStart, false);
          } else {
            g.writeNull();
          }
          g.writeEndObject();
        });
  }

  private static String outcome(SimulatedRun run) {
    switch (run.kind()) {
      case UNKNOWN:
        return "NOT_FOUND";
      case MALFORMED:
      case MISMATCH:
        return "MALFORMED_RESPONSE";
      case PENDING_FOREVER:
        return "NEVER_TERMINAL";
      case ALWAYS_ERROR:
        return "ALWAYS_ERROR";
      default:
        return run.terminalStatus();
    }
  }

  private static void writeRun(
      JsonGenerator g, SimulatedRun run, String status, OptionalLong clockStart, boolean answering)
      throws IOException {
    boolean terminal = !status.equals(SimulatedRun.PENDING) && !status.equals(SimulatedRun.RUNNING);
    boolean started = !status.equals(SimulatedRun.PENDING);
    Workflow wf = run.workflow();
    g.writeStartObject();
    g.writeStringField("workflowId", wf.id());
    g.writeStringField("workflowName", wf.name());
    g.writeStringField("workflowVersion", wf.version());
    boolean mismatch = answering && run.kind() == RunKind.MISMATCH;
    g.writeStringField("workflowRunId", mismatch ? run.runId() + "-other" : run.runId());
    g.writeObjectFieldStart("input");
    g.writeStringField(wf.inputKey(), run.inputValue());
    g.writeEndObject();
    g.writeObjectFieldStart("output");
    if (terminal && !status.equals(SimulatedRun.FAILED)) {
      writeOutput(g, run);
    }
    g.writeEndObject();
    if (terminal) {
      g.writeNumberField("workflowExecutionTime", run.executionMillis());
    }
    g.writeStringField("status", status);
    if (terminal) {
      g.writeFieldName("totalCost");
      g.writeNumber(run.totalCost().toPlainString());
      g.writeNumberField("totalTokens", run.totalTokens());
    }
    if (started && clockStart.isPresent()) {
      g.writeNumberField("startTime", run.startTime(clockStart.getAsLong()));
    }
    if (terminal && clockStart.isPresent()) {
      g.writeNumberField("endTime", run.endTime(clockStart.getAsLong()));
    }
    if (status.equals(SimulatedRun.FAILED)) {
      g.writeStringField("errorMessage", "node 'llm' failed: upstream model timed out");
    }
    g.writeEndObject();
  }

  private static void writeOutput(JsonGenerator g, SimulatedRun run) throws IOException {
    g.writeStringField(
        "summary", run.workflow().name() + " finished for " + run.inputValue() + " — résumé");
    g.writeNumberField("items", run.totalTokens() % 7 + 1);
    if (run.outputBytes() > 0) {
      g.writeStringField("text", filler(run.outputBytes()));
    }
  }

  private static String filler(int bytes) {
    StringBuilder text = new StringBuilder(bytes);
    while (text.length() < bytes) {
      text.append(FILLER, 0, Math.min(FILLER.length(), bytes - text.length()));
    }
    return text.toString();
  }

  private interface Body {
    void writeTo(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      body.writeTo(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
