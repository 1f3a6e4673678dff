package io.workflowresult.api;

import io.workflowresult.config.AppConfig;

/** Every case of {@link WorkflowApiClientTest} over {@code api.transport=jdk}. */
class WorkflowApiClientJdkTest extends WorkflowApiClientTest {
  @Override
  AppConfig.ApiTransport transport() {
    return AppConfig.ApiTransport.JDK;
  }
}
