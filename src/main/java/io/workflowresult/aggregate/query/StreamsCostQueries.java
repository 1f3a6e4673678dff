package io.workflowresult.aggregate.query;

import io.workflowresult.aggregate.CostAggregator;
import io.workflowresult.aggregate.CostSum;
import io.workflowresult.aggregate.CostSumJson;
import io.workflowresult.aggregate.CostTopology;
import io.workflowresult.aggregate.WindowKey;
import io.workflowresult.config.AppConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link CostQueries} from this instance's Streams stores, asking the other instances (by their
 * {@code application.server} address, through {@link PeerClient} and {@link CostRoutes}'s {@code
 * local=true} form) for what they hold.
 *
 * <p>Totals are partitioned by workflow ID: one instance holds a workflow's totals, found with
 * {@code queryMetadataForKey}. Windows are partitioned by window key, so one workflow's windows are
 * spread over instances and every instance is asked.
 */
public final class StreamsCostQueries implements CostQueries, LocalCostQueries {
  private static final StringSerializer KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final HostInfo self;
  private final long windowSizeMs;
  private final PeerClient peers;
  private final PeerFanOut fanOut = new PeerFanOut(PEER_DEADLINE);

  /** Longest wait for the other instances' parts of one answer, all asked at once. */
  static final Duration PEER_DEADLINE = Duration.ofSeconds(8);

  /**
   * @param self this instance's {@code application.server} address
   * @param windowSize {@code aggregate.window}: windows of another size (from an earlier setting)
   *     are left out of answers, so windows never overlap
   */
  public StreamsCostQueries(
      KafkaStreams streams, HostInfo self, Duration windowSize, PeerClient peers) {
    this.streams = streams;
    this.self = self;
    this.windowSizeMs = windowSize.toMillis();
    this.peers = peers;
  }

  /**
   * Queries over {@code aggregator}'s stores, this instance being {@code http.advertised-host:
   * http.port}, peers asked over HTTP (connect timeout 2 s, read timeout 5 s), all at once.
   */
  public static StreamsCostQueries of(CostAggregator aggregator, AppConfig config) {
    return new StreamsCostQueries(
        aggregator.streams(),
        new HostInfo(config.http().advertisedHost(), config.http().port()),
        config.aggregateWindow(),
        new HttpPeerClient(Duration.ofSeconds(2), Duration.ofSeconds(5)));
  }

  @Override
  public String allTotalsJson() {
    Map<String, CostSum> byWorkflow = new TreeMap<>();
    List<List<CostSum>> parts =
        fanOut.fromEach(
            hostsOf(CostTopology.TOTALS_STORE),
            self,
            host ->
                host.equals(self)
                    ? localTotals()
                    : CostSumJson.parseArray(
                        peers.get(host, CostRoutes.localAllTotals()).orElse("[]")));
    parts.forEach(
        part ->
            part.forEach(
                sum -> byWorkflow.merge(sum.workflowId(), sum, StreamsCostQueries::newer)));
    return CostSumJson.toJsonArray(new ArrayList<>(byWorkflow.values()));
  }

  @Override
  public Optional<String> totalsJson(String workflowId) {
    KeyQueryMetadata owner;
    try {
      owner = streams.queryMetadataForKey(CostTopology.TOTALS_STORE, workflowId, KEYS);
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw new CostsUnavailableException("cost aggregator is " + streams.state(), e);
    }
    if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
      throw new CostsUnavailableException("totals of " + workflowId + " not available now");
    }
    if (owner.activeHost().equals(self)) {
      return localTotals(workflowId).map(CostSumJson::toJson);
    }
    return peers.get(owner.activeHost(), CostRoutes.localTotals(workflowId));
  }

  @Override
  public String windowsJson(String workflowId, long fromMs, long toMs) {
    Map<Long, CostSum> byStart = new TreeMap<>();
    List<List<CostSum>> parts =
        fanOut.fromEach(
            hostsOf(CostTopology.WINDOWS_STORE),
            self,
            host ->
                host.equals(self)
                    ? localWindows(workflowId, fromMs, toMs)
                    : CostSumJson.parseArray(
                        peers
                            .get(host, CostRoutes.localWindows(workflowId, fromMs, toMs))
                            .orElse("[]")));
    parts.forEach(
        part ->
            part.forEach(
                sum -> byStart.merge(sum.window().start(), sum, StreamsCostQueries::newer)));
    return CostSumJson.toJsonArray(new ArrayList<>(byStart.values()));
  }

  @Override
  public List<CostSum> localTotals() {
    List<CostSum> sums = new ArrayList<>();
    try (KeyValueIterator<String, CostSum> it = store(CostTopology.TOTALS_STORE).all()) {
      it.forEachRemaining(kv -> sums.add(kv.value));
    } catch (InvalidStateStoreException e) {
      throw unavailable(e);
    }
    sums.sort(Comparator.comparing(CostSum::workflowId));
    return sums;
  }

  @Override
  public Optional<CostSum> localTotals(String workflowId) {
    try {
      return Optional.ofNullable(store(CostTopology.TOTALS_STORE).get(workflowId));
    } catch (InvalidStateStoreException e) {
      throw unavailable(e);
    }
  }

  @Override
  public List<CostSum> localWindows(String workflowId, long fromMs, long toMs) {
    List<CostSum> sums = new ArrayList<>();
    String prefix = WindowKey.prefix(workflowId);
    try (KeyValueIterator<String, CostSum> it =
        store(CostTopology.WINDOWS_STORE).prefixScan(prefix, KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, CostSum> kv = it.next();
        WindowKey.parse(kv.key)
            .filter(k -> k.workflowId().equals(workflowId) && k.sizeMs() == windowSizeMs)
            .filter(k -> k.windowStart() >= fromMs && k.windowStart() < toMs)
            .ifPresent(k -> sums.add(kv.value));
      }
    } catch (InvalidStateStoreException e) {
      throw unavailable(e);
    }
    sums.sort(Comparator.comparingLong(s -> s.window().start()));
    return sums;
  }

  private List<HostInfo> hostsOf(String storeName) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw new CostsUnavailableException("cost aggregator is " + streams.state());
    }
    try {
      Collection<StreamsMetadata> holders = streams.streamsMetadataForStore(storeName);
      return holders.stream().map(StreamsMetadata::hostInfo).distinct().toList();
    } catch (InvalidStateStoreException | IllegalStateException e) {
      throw new CostsUnavailableException("cost aggregator is " + streams.state(), e);
    }
  }

  private ReadOnlyKeyValueStore<String, CostSum> store(String name) {
    return streams.store(
        StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
  }

  private static CostsUnavailableException unavailable(InvalidStateStoreException e) {
    return new CostsUnavailableException("cost stores not queryable now: " + e.getMessage(), e);
  }

  /** During a rebalance two instances may both answer for a key: keep the later update. */
  private static CostSum newer(CostSum a, CostSum b) {
    return b.updatedAt() > a.updatedAt() ? b : a;
  }
}
