/**
 * The service's topics at start-up: the policies each needs ({@link
 * io.workflowresult.topics.TopicRequirements}), creating the missing ones and checking the existing
 * ones ({@link io.workflowresult.topics.TopicProvisioner}), and the results topic's partition count
 * that must never change ({@link io.workflowresult.topics.PartitionCountRecord}). A problem is one
 * {@link io.workflowresult.topics.TopicSetupException} line.
 *
 * <p>May use: {@code config}.
 */
package io.workflowresult.topics;
