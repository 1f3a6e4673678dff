package io.workflowresult.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One query in flight: ties the HTTP exchange, its body stream and its deadline to the caller's
 * future. {@link #send} runs the whole exchange on one sender thread. Whatever ends first — the
 * answer, the deadline, or the caller cancelling — the body is closed, the connection the transport
 * named is closed and a send still waiting is interrupted (either aborts it), so nothing leaks; an
 * interrupt never reaches the code the answer completes.
 */
final class Exchange {

  /** After the deadline's abort, how long the sender has to complete the result itself. */
  static final long BACKSTOP_MS = 1_000;

  private final String runId;
  private final CompletableFuture<QueryOutcome> result;
  private final AnswerClassifier classifier;
  private Thread sender;
  private InputStream body;
  private Closeable connection;
  private boolean aborted;
  private boolean expired;
  private boolean answered;
  private ScheduledFuture<?> deadline;

  Exchange(String runId, CompletableFuture<QueryOutcome> result, AnswerClassifier classifier) {
    this.runId = runId;
    this.result = result;
    this.classifier = classifier;
  }

  /** Aborts the exchange (and closes its body) after {@code timeout}. */
  void expireAfter(ScheduledExecutorService timer, Duration timeout) {
    deadline = timer.schedule(() -> expire(timer), timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Aborts the exchange when the caller cancels the result. */
  void abortWhenCancelled() {
    result.whenComplete(
        (outcome, error) -> {
          if (result.isCancelled()) {
            abort();
          }
        });
  }

  /** Sends the request and classifies the answer, on the calling (sender) thread. */
  void send(Transport transport, byte[] requestBody) {
    if (!start()) {
      complete(null, new IOException("aborted"));
      return;
    }
    HttpAnswer response;
    try {
      response = transport.post(requestBody, this);
    } catch (IOException e) {
      complete(null, e);
      return;
    } catch (InterruptedException e) {
      complete(null, new IOException("aborted", e));
      return;
    } catch (RuntimeException e) {
      complete(null, e);
      return;
    }
    complete(response, null);
  }

  /** Classifies the answer (or the failure) and completes the result; closes the body. */
  void complete(HttpAnswer response, Throwable error) {
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
    finish();
    result.complete(outcome);
  }

  private QueryOutcome readAnswer(HttpAnswer response) {
    try (InputStream stream = response.body()) {
      if (!attach(stream)) {
        return classifier.failure(runId, new IOException("aborted"), isExpired());
      }
      return classifier.answer(
          runId, response.status(), response.headers(), stream, this::isExpired);
    } catch (IOException e) {
      return classifier.failure(runId, e, isExpired());
    }
  }

  /** Registers the sender thread; false when the exchange was aborted before it started. */
  private synchronized boolean start() {
    if (aborted) {
      return false;
    }
    sender = Thread.currentThread();
    return true;
  }

  /**
   * No interrupt can come after this; one that raced with the answer is cleared, so that it never
   * reaches the callbacks the result runs on this thread.
   */
  private void finish() {
    Thread interruptible;
    synchronized (this) {
      answered = true;
      interruptible = sender;
    }
    if (Thread.currentThread() == interruptible) {
      Thread.interrupted();
    }
  }

  /** Remembers the body so that the deadline can close it; false when already over. */
  private synchronized boolean attach(InputStream stream) {
    if (aborted || result.isDone()) {
      return false;
    }
    body = stream;
    return true;
  }

  /**
   * Names the connection the exchange is on, which an abort closes; false (and nothing kept) when
   * the exchange is already aborted.
   */
  synchronized boolean closeToAbort(Closeable connection) {
    if (aborted) {
      return false;
    }
    this.connection = connection;
    return true;
  }

  /**
   * The connection is done with this exchange (its answer read): an abort no longer closes it.
   * False when the exchange was aborted, when the connection must not be reused.
   */
  synchronized boolean detach(Closeable connection) {
    if (this.connection == connection) {
      this.connection = null;
    }
    return !aborted;
  }

  synchronized boolean isAborted() {
    return aborted;
  }

  private synchronized boolean isExpired() {
    return expired;
  }

  private void expire(ScheduledExecutorService timer) {
    synchronized (this) {
      expired = true;
    }
    abort();
    // what closing cannot end (a name lookup that hangs) must not hold the query: a timeout it is,
    // unless the sender, woken by the abort, has completed it first
    timer.schedule(
        () ->
            result.complete(
                classifier.failure(
                    runId, new HttpTimeoutException("no answer within the timeout"), true)),
        BACKSTOP_MS,
        TimeUnit.MILLISECONDS);
  }

  private void abort() {
    InputStream toClose;
    synchronized (this) {
      aborted = true;
      toClose = body;
      if (connection != null) {
        try {
          // Ends a connect, handshake, write or read blocked on it; under the lock, so that a
          // connection handed back for reuse (detach) is never closed.
          connection.close();
        } catch (IOException e) {
          // Closing to abort: nothing more to do.
        }
      }
      if (sender != null && !answered) {
        // JDK 17's HttpClient.send cancels its exchange when interrupted
        sender.interrupt();
      }
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
