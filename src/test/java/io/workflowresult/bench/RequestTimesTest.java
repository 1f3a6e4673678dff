package io.workflowresult.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTimesTest {
  private static final String LOG =
      "1000 1050 200 PENDING run-a\n"
          + "900 950 200 SUCCEED run b\n"
          + "3100 3150 200 SUCCEED run-a\n"
          + "1200 1200 400 - -\n";

  @Test
  void aRunsFirstQueryIsItsEarliestRequest() {
    RequestTimes times = RequestTimes.parse(LOG);

    assertThat(times.firstQueryAt("run-a")).isEqualTo(1000);
    assertThat(times.firstQueryAt("run b")).isEqualTo(900);
    assertThat(times.firstQueryAt("never-asked")).isEqualTo(-1);
  }

  @Test
  void countsOnlyRequestsThatNamedARun() {
    assertThat(RequestTimes.parse(LOG).requests()).isEqualTo(3);
  }

  @Test
  void aReQueryIsLateByItsArrivalPastTheDueTimeOfItsAttempt() {
    RequestTimes times = RequestTimes.parse(LOG);

    // attempt 1 of run-a was due at 3000 and answered by its second request, at 3100
    assertThat(times.lateness("run-a", 1, 3000)).hasValue(100);
    assertThat(times.lateness("run-a", 1, 3200)).hasValue(-100);
    assertThat(times.lateness("run-a", 2, 5000)).isEmpty();
  }
}
