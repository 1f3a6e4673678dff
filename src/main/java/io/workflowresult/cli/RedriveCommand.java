package io.workflowresult.cli;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigException;
import io.workflowresult.config.Durations;
import io.workflowresult.config.KafkaClientSettings;
import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.deadletter.DeadLetterRedrive;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code redrive} command: dead letters back to the input topic. */
@Command(
    name = "redrive",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Sends dead letters back to the input topic, skipping runs that already have a result.",
      "Without --reason every reason but INVALID_INPUT is redriven; INVALID_INPUT letters are"
          + " sent back (as their original bytes) only when named with --reason."
    })
public final class RedriveCommand implements Callable<Integer> {
  static final List<String> REASONS =
      Arrays.stream(DeadLetterReason.values()).map(Enum::name).toList();
  private static final int LISTED = 20;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--reason",
      paramLabel = "R",
      completionCandidates = ReasonCandidates.class,
      description = "only dead letters with this reason (repeatable): ${COMPLETION-CANDIDATES}")
  List<String> reasons = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "T",
      description =
          "only letters that failed at or after T: an ISO-8601 instant or a time ago (2h)")
  String since;

  @Option(
      names = "--until",
      paramLabel = "T",
      description = "only letters that failed before T: an ISO-8601 instant or a time ago (30m)")
  String until;

  @Option(names = "--dry-run", description = "print what would be redriven; write nothing")
  boolean dryRun;

  @Mixin KafkaCheckOption kafkaCheck;

  /** The reasons {@code --help} lists for {@code --reason}. */
  static final class ReasonCandidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return REASONS.iterator();
    }
  }

  private final Clock clock;

  public RedriveCommand() {
    this(Clock.systemUTC());
  }

  RedriveCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DeadLetterRedrive.Request request;
    AppConfig config;
    try {
      config = configOptions.loadWithoutApiKey();
      request = request(config);
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.CONFIG;
    }
    LogFormatConfigurer.apply(config);
    KafkaConnectivity.check(
        config,
        kafkaCheck.timeout,
        Set.of(config.topics().dlq(), config.topics().results(), config.topics().input()));
    try {
      DeadLetterRedrive redrive =
          new DeadLetterRedrive(
              KafkaClientSettings.consumer(config, "redrive", "redrive"),
              KafkaClientSettings.producer(config, "redrive"),
              Duration.ofSeconds(30));
      print(out, request, redrive.run(request));
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("error: redrive interrupted");
      return ExitCodes.INTERRUPTED;
    } catch (KafkaException | IllegalStateException e) {
      err.println(
          "error: " + e.getMessage() + " (Kafka at " + config.kafka().bootstrapServers() + ")");
      // Kafka went away after the start-up check: the same exit code as not reaching it at all
      return e instanceof TimeoutException ? ExitCodes.KAFKA_UNREACHABLE : ExitCodes.FAILURE;
    }
  }

  private DeadLetterRedrive.Request request(AppConfig config) {
    Set<DeadLetterReason> asked = EnumSet.noneOf(DeadLetterReason.class);
    for (String r : reasons) {
      String reason = r.trim().toUpperCase(Locale.ROOT);
      if (!REASONS.contains(reason)) {
        throw new IllegalArgumentException(
            "--reason must be one of " + String.join(", ", REASONS) + ", got " + r);
      }
      asked.add(DeadLetterReason.valueOf(reason));
    }
    Optional<Instant> from = Optional.ofNullable(since).map(t -> time("--since", t, clock));
    Optional<Instant> to = Optional.ofNullable(until).map(t -> time("--until", t, clock));
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw new IllegalArgumentException("--since must be before --until");
    }
    return new DeadLetterRedrive.Request(
        config.topics().dlq(),
        config.topics().results(),
        config.topics().input(),
        asked,
        from,
        to,
        dryRun);
  }

  /** An ISO-8601 instant, or a time ago such as {@code 90s}, {@code 2h}, {@code 7d}. */
  static Instant time(String option, String value, Clock clock) {
    Optional<Duration> ago = Durations.parse(value);
    if (ago.isPresent()) {
      return clock.instant().minus(ago.get());
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option
              + " must be an ISO-8601 instant (2026-01-31T12:00:00Z) or a time ago (2h), got "
              + value,
          e);
    }
  }

  private static void print(
      PrintWriter out, DeadLetterRedrive.Request request, DeadLetterRedrive.Report report) {
    out.printf(
        "read %d dead letters from %s; %d match%s%n",
        report.deadLettersRead(),
        request.dlqTopic(),
        report.matchedByReason().values().stream().mapToLong(Long::longValue).sum(),
        report.matchedByReason().isEmpty() ? "" : " " + report.matchedByReason());
    skipped(out, report.alreadyResolved(), "already have a result on " + request.resultsTopic());
    skipped(out, report.duplicates(), "repeat a run already counted");
    skipped(out, report.outsideRange(), "failed outside --since/--until");
    skipped(out, report.otherReason(), "have another reason");
    skipped(
        out,
        report.invalidInputNotRequested(),
        "are INVALID_INPUT (give --reason INVALID_INPUT to send their input back)");
    skipped(out, report.invalidInputIncomplete(), "are INVALID_INPUT without their whole input");
    skipped(out, report.unreadable(), "could not be read");
    List<String> ids = report.redriven();
    out.printf(
        "%s %d run%s to %s%n",
        report.dryRun() ? "would redrive" : "redrove",
        ids.size(),
        ids.size() == 1 ? "" : "s",
        request.inputTopic());
    ids.stream().limit(LISTED).forEach(id -> out.println("  " + id));
    if (ids.size() > LISTED) {
      out.printf("  ... and %d more%n", ids.size() - LISTED);
    }
    out.flush();
  }

  private static void skipped(PrintWriter out, long n, String why) {
    if (n > 0) {
      out.printf("skipped %d that %s%n", n, why);
    }
  }
}
