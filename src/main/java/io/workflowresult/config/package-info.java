/**
 * The configuration: every key with its default ({@link io.workflowresult.config.ConfigKeys}), read
 * from file, environment and {@code --set} and validated once at start-up into the immutable {@link
 * io.workflowresult.config.AppConfig}, plus the Kafka client settings derived from it. A bad value
 * is a {@link io.workflowresult.config.ConfigException} naming the key. Also the one reader of
 * durations ({@link io.workflowresult.config.Durations}).
 *
 * <p>May use: nothing of the project.
 */
package io.workflowresult.config;
