package io.workflowresult.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DelayRecordTest {

  @Test
  void writesContractFieldsInOrder() {
    String json = new String(DelayRecord.fresh("run-1", 1000L).toJson(), StandardCharsets.UTF_8);
    assertThat(json)
        .startsWith(
            "{\"v\":1,\"workflowRunId\":\"run-1\",\"attempt\":0,\"firstSeenAt\":1000,\"dueAt\":1000,"
                + "\"lastStatus\":null");
  }

  @Test
  void roundTrips() {
    DelayRecord r = DelayRecord.fresh("run-1", 1000L).next(3, 5000L, "PENDING", 1, 1).queriedAt(7L);
    assertThat(DelayRecord.fromJson(r.toJson())).contains(r);
  }

  @Test
  void ignoresUnknownFieldsAndDefaultsMissingCounters() {
    byte[] json =
        ("{\"v\":2,\"workflowRunId\":\"r\",\"attempt\":4,\"firstSeenAt\":1,\"dueAt\":2,"
                + "\"lastStatus\":\"RUNNING\",\"future\":{\"x\":1}}")
            .getBytes(StandardCharsets.UTF_8);
    DelayRecord r = DelayRecord.fromJson(json).orElseThrow();
    assertThat(r.attempt()).isEqualTo(4);
    assertThat(r.failures()).isZero();
    assertThat(r.notFound()).isZero();
    assertThat(r.firstQueriedAt()).isNull();
    assertThat(r.lastStatus()).isEqualTo("RUNNING");
  }

  @Test
  void refusesRecordsWithoutRunId() {
    assertThat(DelayRecord.fromJson("{\"v\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(DelayRecord.fromJson("garbage".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(DelayRecord.fromJson(null)).isEmpty();
  }
}
