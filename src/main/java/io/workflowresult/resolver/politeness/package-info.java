/**
 * Politeness to the API: conditions of the instance, not of a run. The gate every request passes
 * ({@link io.workflowresult.resolver.politeness.QueryGate}, by default {@link
 * io.workflowresult.resolver.politeness.PoliteGate}) closes on 429, an exhausted quota, a burst of
 * failures or a refused key and probes until the condition clears; {@link
 * io.workflowresult.resolver.politeness.RequestBudget} keeps {@code query.budget}. Knows the API's
 * answers, not Kafka.
 *
 * <p>May use: {@code api}, {@code config}.
 */
package io.workflowresult.resolver.politeness;
