package io.workflowresult.aggregate.query;

import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** Fetches a cost answer from another instance of the application. */
public interface PeerClient {

  /**
   * {@code GET http://<host>/<pathAndQuery>}: the body of a 200, empty for a 404.
   *
   * @throws CostsUnavailableException when the instance cannot be reached or answers otherwise
   */
  Optional<String> get(HostInfo host, String pathAndQuery);
}
