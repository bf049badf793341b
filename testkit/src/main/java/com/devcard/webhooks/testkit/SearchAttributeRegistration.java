package com.devcard.webhooks.testkit;

import com.devcard.webhooks.workflows.DeliverySearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;

/**
 * Registers the delivery search attributes on a namespace: the one place that does. A real cluster
 * gets them from its setup job (see docker/temporal/setup.sh); Temporal's test server starts
 * without them and refuses a workflow start that sets an unknown attribute.
 */
public final class SearchAttributeRegistration {

  private SearchAttributeRegistration() {}

  /** Registers every delivery search attribute as a keyword on the server at target. */
  public static void register(String target, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace(namespace);
      DeliverySearchAttributes.ALL.forEach(
          key ->
              request.putSearchAttributes(
                  key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdown();
    }
  }
}
