package io.workflowresult.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One query in flight: ties the HTTP exchange, its body stream and its deadline to the caller's
 * future. Whatever ends first — the answer, the deadline, or the caller cancelling — the body is
 * closed and the exchange aborted, so nothing leaks.
 */
final class Exchange {

  private final String runId;
  private final CompletableFuture<QueryOutcome> result;
  private final AnswerClassifier classifier;
  private CompletableFuture<?> sent;
  private InputStream body;
  private boolean expired;
  private ScheduledFuture<?> deadline;

  Exchange(String runId, CompletableFuture<QueryOutcome> result, AnswerClassifier classifier) {
    this.runId = runId;
    this.result = result;
    this.classifier = classifier;
  }

  /** Aborts the exchange (and closes its body) after {@code timeout}. */
  void expireAfter(ScheduledExecutorService timer, Duration timeout) {
    deadline = timer.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Aborts {@code sent} when the caller cancels the result. */
  void abortWhenCancelled(CompletableFuture<?> sent) {
    synchronized (this) {
      this.sent = sent;
    }
    result.whenComplete(
        (outcome, error) -> {
          if (result.isCancelled()) {
            abort();
          }
        });
  }

  /** Classifies the answer (or the failure) and completes the result; closes the body. */
  void complete(HttpResponse<InputStream> response, Throwable error) {
    QueryOutcome outcome;
    try {
      outcome =
          response == null
              ? classifier.failure(runId, unwrap(error), isExpired())
              : readAnswer(response);
    } catch (RuntimeException e) {
      outcome = classifier.failure(runId, e, false);
    } finally {
      if (deadline != null) {
        deadline.cancel(false);
      }
    }
    result.complete(outcome);
  }

  private QueryOutcome readAnswer(HttpResponse<InputStream> response) {
    try (InputStream stream = response.body()) {
      if (!attach(stream)) {
        return classifier.failure(runId, new IOException("aborted"), isExpired());
      }
      return classifier.answer(runId, response, stream, this::isExpired);
    } catch (IOException e) {
      return classifier.failure(runId, e, isExpired());
    }
  }

  /** Remembers the body so that the deadline can close it; false when already over. */
  private synchronized boolean attach(InputStream stream) {
    if (expired || result.isDone()) {
      return false;
    }
    body = stream;
    return true;
  }

  private synchronized boolean isExpired() {
    return expired;
  }

  private void expire() {
    synchronized (this) {
      expired = true;
    }
    abort();
  }

  private void abort() {
    CompletableFuture<?> toCancel;
    InputStream toClose;
    synchronized (this) {
      toCancel = sent;
      toClose = body;
    }
    if (toCancel != null) {
      toCancel.cancel(true);
    }
    if (toClose != null) {
      try {
        // Wakes a read blocked on the body and releases the connection.
        toClose.close();
      } catch (IOException e) {
        // Closing to abort: nothing more to do.
      }
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
