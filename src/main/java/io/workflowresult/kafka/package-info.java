/**
 * Kafka plumbing shared by the stages: client settings ({@link
 * io.workflowresult.kafka.KafkaClients}), the headers every derived record carries ({@link
 * io.workflowresult.kafka.RunHeaders}), the JSON mapper of the records ({@link
 * io.workflowresult.kafka.Json}), the life of a poll loop's thread ({@link
 * io.workflowresult.kafka.PollLoopLife}), a consumer group's lag ({@link
 * io.workflowresult.kafka.ConsumerLag}), reading a topic to its end ({@link
 * io.workflowresult.kafka.TopicScan}) and where a record was read ({@link
 * io.workflowresult.kafka.RecordSource}). Knows no stage of the flow.
 *
 * <p>May use: {@code config}.
 */
package io.workflowresult.kafka;
