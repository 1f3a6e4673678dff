package io.workflowresult.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Gathers the measurements of one bench run (the JSON files in {@code --dir}) into {@code
 * report.md} (the tables) and {@code report.json} (everything, with the ratios) in that folder.
 */
final class BenchReport {
  private BenchReport() {}

  /** Where and when the run was made; shown above the tables. */
  record Header(String date, String machine, String java, String serviceJar, String loadAverage) {}

  /** A case with its ratios: to Little's bound C/L, to the raw limit, to the naive baseline. */
  record Row(Measurements.Case result, double ofLittle, Double ofRaw, Double timesNaive) {}

  static int run(BenchArgs args) throws IOException {
    Path dir = Path.of(args.text("dir"));
    List<Measurements.Raw> raws = new ArrayList<>();
    List<Measurements.Naive> naives = new ArrayList<>();
    List<Measurements.Case> cases = new ArrayList<>();
    Measurements.Heap heap = null;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".json") || name.equals("report.json")) {
          continue;
        }
        JsonNode node = Measurements.JSON.readTree(file.toFile());
        switch (node.path("kind").asText()) {
          case "raw" -> raws.add(Measurements.JSON.treeToValue(node, Measurements.Raw.class));
          case "naive" -> naives.add(Measurements.JSON.treeToValue(node, Measurements.Naive.class));
          case "case" -> cases.add(Measurements.JSON.treeToValue(node, Measurements.Case.class));
          case "heap" -> heap = Measurements.JSON.treeToValue(node, Measurements.Heap.class);
          default -> {}
        }
      }
    }
    Header header =
        new Header(
            args.text("date"),
            args.text("machine"),
            args.text("java"),
            args.text("service-jar"),
            args.text("load-average"));
    raws.sort(
        java.util.Comparator.comparing(Measurements.Raw::protocol)
            .reversed()
            .thenComparingInt(Measurements.Raw::latencyMs)
            .thenComparingInt(Measurements.Raw::inFlight));
    naives.sort(java.util.Comparator.comparingInt(Measurements.Naive::latencyMs));
    List<Row> rows =
        cases.stream()
            .sorted(
                java.util.Comparator.comparing(Measurements.Case::protocol)
                    .reversed()
                    .thenComparing(Measurements.Case::mix, java.util.Comparator.reverseOrder())
                    .thenComparingInt(Measurements.Case::latencyMs)
                    .thenComparingInt(Measurements.Case::inFlight))
            .map(c -> row(c, raws, naives))
            .toList();
    Files.writeString(
        dir.resolve("report.md"), ReportTables.markdown(header, raws, naives, rows, heap));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("header", header);
    json.put("raw", raws);
    json.put("naive", naives);
    json.put("cases", rows);
    json.put("heap", heap);
    Measurements.write(dir.resolve("report.json"), json);
    System.out.print(Files.readString(dir.resolve("report.md")));
    return rows.stream().allMatch(r -> r.result().error() == null) ? 0 : 1;
  }

  /** C/L in requests per second. */
  static double littleBound(int inFlight, int latencyMs) {
    return inFlight * 1000.0 / latencyMs;
  }

  static Row row(
      Measurements.Case c, List<Measurements.Raw> raws, List<Measurements.Naive> naives) {
    // a mix that re-queries is bound in requests, not runs
    double rate = c.mix().equals("default") ? c.requestsPerSecond() : c.runsPerSecond();
    Double ofRaw =
        raws.stream()
            .filter(r -> r.protocol().equals(c.protocol()))
            .filter(r -> r.inFlight() == c.inFlight() && r.latencyMs() == c.latencyMs())
            .findFirst()
            .map(r -> rate / r.requestsPerSecond())
            .orElse(null);
    Optional<Measurements.Naive> naive =
        naives.stream().filter(n -> n.latencyMs() == c.latencyMs()).findFirst();
    Double timesNaive = naive.map(n -> c.runsPerSecond() / n.runsPerSecond()).orElse(null);
    return new Row(c, rate / littleBound(c.inFlight(), c.latencyMs()), ofRaw, timesNaive);
  }
}
