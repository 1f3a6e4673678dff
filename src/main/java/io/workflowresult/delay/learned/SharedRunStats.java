package io.workflowresult.delay.learned;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what was learned shared by the instances of an {@code app.id} and across restarts: at
 * start, takes its own records back and the others' as theirs, and removes records whose samples
 * are all past the horizon; then every period writes what it learned and reads what the others
 * wrote since. Own and others' samples stay apart in the {@link RunTimeBook}, so re-reading never
 * counts a sample twice. Failures never stop the service: it then learns alone, from its own runs.
 */
public final class SharedRunStats implements AutoCloseable {
  /** How often it writes and reads. */
  public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);

  /** How long a read may take: at start, and every period. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(SharedRunStats.class);

  private final RunStatsReader reader;
  private final RunStatsWriter writer;
  private final RunTimeBook book;
  private final String instance;
  private final Duration horizon;
  private final Clock clock;
  private final LearnedPollingMetrics metrics;
  private ScheduledExecutorService scheduler;
  private int skippedSeen;

  /**
   * @param horizon records whose samples are all older are removed at start
   */
  public SharedRunStats(
      RunStatsReader reader,
      RunStatsWriter writer,
      RunTimeBook book,
      String instance,
      Duration horizon,
      Clock clock,
      LearnedPollingMetrics metrics) {
    this.reader = reader;
    this.writer = writer;
    this.book = book;
    this.instance = instance;
    this.horizon = horizon;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Reads everything written so far (at most {@link #READ_TIMEOUT}) into the book. */
  public synchronized void load() {
    boolean complete = catchUp();
    long now = clock.millis();
    int own = 0;
    for (RunStatsReader.Latest latest : reader.latest()) {
      RunStatsRecord record = latest.record();
      if (record.lastSampleAt() < now - horizon.toMillis()) {
        writer.forget(latest.key());
      } else if (record.instance().equals(instance)) {
        book.restoreOwn(record.snapshot(), now);
        own++;
      }
    }
    int others = takeOthers(now);
    log.info(
        "learned run times: {} workflow versions of this instance, {} of others{}",
        own,
        others,
        complete
            ? ""
            : " (read stopped after " + READ_TIMEOUT.toSeconds() + "s; the rest comes later)");
  }

  /** One period: writes what was learned, reads what the others wrote. */
  public synchronized void refresh() {
    writer.writeChanged();
    catchUp();
    takeOthers(clock.millis());
  }

  private boolean catchUp() {
    boolean complete = reader.catchUp(READ_TIMEOUT);
    for (; skippedSeen < reader.skipped(); skippedSeen++) {
      metrics.runStatsSkipped();
    }
    return complete;
  }

  /** Hands the others' latest records to the book; how many there are. */
  private int takeOthers(long now) {
    List<RunTimeBook.OwnSnapshot> others = new ArrayList<>();
    for (RunStatsReader.Latest latest : reader.latest()) {
      if (!latest.record().instance().equals(instance)) {
        others.add(latest.record().snapshot());
      }
    }
    book.replacePeers(others, now);
    metrics.workflowsTracked(book.tracked());
    return others.size();
  }

  /** Refreshes every {@code period} on a thread of its own, until closed. */
  public synchronized void start(Duration period) {
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread t = new Thread(task, "run-stats");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        this::refreshLogged, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refreshLogged() {
    try {
      refresh();
    } catch (RuntimeException e) {
      log.warn("cannot share learned run times this time: {}", e.toString());
    }
  }

  /** Stops refreshing and writes what was learned since the last write. */
  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    writer.writeChanged();
  }
}
