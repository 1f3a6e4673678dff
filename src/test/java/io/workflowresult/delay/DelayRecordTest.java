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
  void leavesTheLearnedScheduleFieldsOutUntilTheyHaveAValue() {
    String json = new String(DelayRecord.fresh("run-1", 1000L).toJson(), StandardCharsets.UTF_8);

    assertThat(json)
        .doesNotContain(
            "workflowId", "startTime", "hintedStart", "lastQueriedAt", "schedule", "tail");
  }

  @Test
  void roundTripsTheLearnedScheduleFields() {
    DelayRecord r =
        DelayRecord.fresh("run-1", 1000L)
            .scheduled("wf-1", "1.0.1", 1200L, 900L, "learned", 2)
            .queriedAt(5000L);

    assertThat(DelayRecord.fromJson(r.toJson())).contains(r);
    assertThat(new String(r.toJson(), StandardCharsets.UTF_8))
        .endsWith(
            "\"workflowId\":\"wf-1\",\"workflowVersion\":\"1.0.1\",\"startTime\":1200,"
                + "\"hintedStart\":900,\"lastQueriedAt\":5000,\"schedule\":\"learned\",\"tail\":2}");
  }

  @Test
  void everyQuerySetsTheLastQueryTheFirstStays() {
    DelayRecord twice = DelayRecord.fresh("run-1", 1000L).queriedAt(2000L).queriedAt(7000L);

    assertThat(twice.firstQueriedAt()).isEqualTo(2000L);
    assertThat(twice.lastQueriedAt()).isEqualTo(7000L);
  }

  @Test
  void aRecordOfTheFirstVersionWithoutTheLearnedFieldsStillReads() {
    byte[] old =
        ("{\"v\":1,\"workflowRunId\":\"r\",\"attempt\":2,\"firstSeenAt\":1,\"dueAt\":2,"
                + "\"lastStatus\":\"PENDING\",\"failures\":0,\"notFound\":0,\"firstQueriedAt\":1}")
            .getBytes(StandardCharsets.UTF_8);

    DelayRecord r = DelayRecord.fromJson(old).orElseThrow();

    assertThat(r.attempt()).isEqualTo(2);
    assertThat(r.workflowId()).isNull();
    assertThat(r.lastQueriedAt()).isNull();
    assertThat(r.tailWaits()).isZero();
  }

  @Test
  void movingOnKeepsWhatTheScheduleLearned() {
    DelayRecord r =
        DelayRecord.fresh("run-1", 1000L)
            .scheduled("wf-1", null, 1200L, null, "hinted", 0)
            .next(1, 9000L, "RUNNING", 1, 0);

    assertThat(r.workflowId()).isEqualTo("wf-1");
    assertThat(r.startTime()).isEqualTo(1200L);
    assertThat(r.schedule()).isEqualTo("hinted");
  }

  @Test
  void refusesRecordsWithoutRunId() {
    assertThat(DelayRecord.fromJson("{\"v\":1}".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(DelayRecord.fromJson("garbage".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(DelayRecord.fromJson(null)).isEmpty();
  }
}
