package io.workflowresult.cli;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.AppConfig.Role;
import io.workflowresult.pipeline.RunningPipeline;
import java.util.Set;

/**
 * Starts the parts of the pipeline this process runs; {@code run} calls it once, after the
 * configuration is valid and Kafka answers, and closes what it returns on SIGTERM. Closing must
 * stop taking new runs, wait up to {@code shutdown.timeout} for requests in flight, produce and
 * commit what completed.
 */
@FunctionalInterface
public interface PipelineStarter {

  /**
   * Starts the given roles.
   *
   * @return what to watch while it runs and close on shutdown
   * @throws Exception when a part cannot start; the command exits with the mapped code
   */
  RunningPipeline start(AppConfig config, Set<Role> roles) throws Exception;
}
