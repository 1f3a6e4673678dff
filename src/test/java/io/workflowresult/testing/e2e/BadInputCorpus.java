package io.workflowresult.testing.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Input values that are not a valid run ID, each of which must become one {@code INVALID_INPUT}.
 */
public final class BadInputCorpus {
  private BadInputCorpus() {}

  /**
   * Every kind of bad input README "Dead-letter reasons" names for {@code INVALID_INPUT}; {@code
   * null} stands for a record with no value.
   */
  public static List<byte[]> all() {
    List<byte[]> corpus = new ArrayList<>();
    for (String text :
        List.of(
            "",
            "   ",
            "\t\n",
            "{",
            "[\"run-1\"]",
            "{\"workflowRunId\": \"\"}",
            "{\"workflowRunId\": \"   \"}",
            "{\"workflowRunId\": 42}",
            "{\"workflowRunId\": null}",
            "{\"other\": \"run-1\"}",
            "{\"workflowRunId\": \"a\\u0001b\"}",
            "run\u0007bell",
            "line\nbreak",
            "x".repeat(257))) {
      corpus.add(text.getBytes(StandardCharsets.UTF_8));
    }
    corpus.add(new byte[] {(byte) 0xff, (byte) 0xfe, 'r', 'u', 'n'});
    corpus.add(null);
    return corpus;
  }
}
