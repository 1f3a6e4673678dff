package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.RateLimit;
import org.junit.jupiter.api.Test;

class TicketTest {
  private static final QueryOutcome NOT_YET =
      new QueryOutcome.NotYet("r", "RUNNING", 200, RateLimit.NONE);

  @Test
  void aTicketAnsweredTwiceFailsLoudly() {
    Ticket ticket = QueryGate.OPEN.tryAcquire(0).orElseThrow();
    assertThat(ticket.answered(NOT_YET, 0)).isFalse();
    assertThatThrownBy(() -> ticket.answered(NOT_YET, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already answered");
  }

  @Test
  void aTicketAbandonedAfterItsAnswerFailsLoudly() {
    Ticket ticket = QueryGate.OPEN.tryAcquire(0).orElseThrow();
    ticket.answered(NOT_YET, 0);
    assertThatThrownBy(ticket::abandoned)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("abandoned after it was already answered");
  }

  @Test
  void aTicketAdmitsARequest() {
    assertThatThrownBy(() -> new Ticket(Admission.WAIT, Ticket.Ending.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
