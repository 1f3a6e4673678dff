package io.workflowresult.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/** Reads {@code workflowRunId} from a request body {@code {"workflowRunId": "..."}}. */
final class RunIdRequest {
  private static final JsonFactory JSON = new JsonFactory();

  private RunIdRequest() {}

  /** The run ID, or empty when the body is not a JSON object with a non-blank string field. */
  static Optional<String> runId(byte[] body) {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("workflowRunId".equals(field) && value == JsonToken.VALUE_STRING) {
          String id = p.getText();
          return id.isBlank() ? Optional.empty() : Optional.of(id);
        }
        p.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
