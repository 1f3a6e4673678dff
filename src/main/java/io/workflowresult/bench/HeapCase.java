package io.workflowresult.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The memory bound: the service started (the command after {@code --}), then {@code --runs} runs
 * put on its delay topic, due in two hours; after {@code --settle-s} seconds, a full GC ({@code
 * jcmd GC.run}) and the heap in use after it ({@code jcmd GC.heap_info}).
 */
final class HeapCase {
  private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private HeapCase() {}

  static int run(BenchArgs args) throws Exception {
    BenchKafka kafka = new BenchKafka(args.text("bootstrap"));
    String delayTopic = args.text("delay-topic");
    int runs = args.integer("runs");
    String prefix = args.text("prefix");
    Measurements.Heap result;
    try (MeasuredProcess service =
        MeasuredProcess.start(args.command(), Path.of(args.text("service-log")))) {
      try (KafkaConsumer<byte[], byte[]> probe = kafka.reader()) {
        BenchKafka.assignFromStart(probe, delayTopic, Duration.ofSeconds(120));
      }
      long now = System.currentTimeMillis();
      long due = now + TimeUnit.HOURS.toMillis(2);
      kafka.produce(
          delayTopic,
          runs,
          i ->
              new String[] {
                prefix + "-" + i,
                "{\"v\":1,\"workflowRunId\":\""
                    + prefix
                    + "-"
                    + i
                    + "\",\"attempt\":1,"
                    + "\"firstSeenAt\":"
                    + now
                    + ",\"dueAt\":"
                    + due
                    + ",\"lastStatus\":\"PENDING\"}"
              });
      Thread.sleep(args.integer("settle-s", 20) * 1000L); // lets the service fetch what it will
      if (!service.isAlive()) {
        result = new Measurements.Heap("heap", runs, 0, 0, 0, ProcFiles.loadAverage(), "exited");
      } else {
        jcmd(service.pid(), "GC.run");
        long[] heap = heapKb(jcmd(service.pid(), "GC.heap_info"));
        long rss = ProcFiles.rssKb(ProcFiles.status(service.pid())) / 1024;
        result =
            new Measurements.Heap(
                "heap", runs, heap[1] / 1024, heap[0] / 1024, rss, ProcFiles.loadAverage(), null);
      }
    }
    Measurements.write(Path.of(args.text("out")), result);
    System.out.printf(
        Locale.ROOT,
        "bench: heap after GC with %d runs on the delay topic: %d MB used of %d MB (RSS %d MB)%s%n",
        runs,
        result.heapUsedAfterGcMb(),
        result.heapCommittedMb(),
        result.rssMb(),
        result.error() == null ? "" : " FAILED: " + result.error());
    return result.error() == null ? 0 : 1;
  }

  /** {total, used} in kB from {@code jcmd PID GC.heap_info}'s first heap line. */
  static long[] heapKb(String heapInfo) {
    Matcher m = HEAP.matcher(heapInfo);
    if (!m.find()) {
      throw new IllegalArgumentException("no heap line in: " + heapInfo);
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  /** The {@code jcmd} of the running JDK, else the one on the path. */
  private static String jcmdPath() {
    Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    return java.nio.file.Files.isExecutable(beside) ? beside.toString() : "jcmd";
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(jcmdPath(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out);
    }
    return out;
  }
}
