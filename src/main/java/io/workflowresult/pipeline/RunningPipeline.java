package io.workflowresult.pipeline;

import java.util.Optional;

/**
 * What {@link PipelineAssembly} started for {@code run}: closed on shutdown, and watched while it
 * runs. A part that stops on its own (an unexpected error in a loop, Kafka Streams in {@code
 * ERROR}) does not come back by itself, so {@code run} stops the whole process with exit code 1 for
 * its supervisor to restart it: nothing is lost, since nothing uncommitted is lost.
 */
@FunctionalInterface
public interface RunningPipeline extends AutoCloseable {

  /**
   * Stops every part: intake stops taking runs, requests in flight get up to {@code
   * shutdown.timeout}, what completed is produced and committed. Failures to close are logged, not
   * thrown.
   */
  @Override
  void close();

  /** Why a part stopped on its own; empty while every part runs. Cheap: asked every second. */
  default Optional<String> failure() {
    return Optional.empty();
  }
}
