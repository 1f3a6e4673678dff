package io.workflowresult.intake;

/**
 * What intake needs from the configuration: the topic it reads and the two it writes.
 *
 * @param inputTopic {@code topics.input}
 * @param delayTopic {@code topics.delay}: valid run IDs go there
 * @param dlqTopic {@code topics.dlq}: invalid input goes there
 */
public record IntakeSettings(String inputTopic, String delayTopic, String dlqTopic) {}
