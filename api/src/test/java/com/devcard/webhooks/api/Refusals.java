package com.devcard.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What a validation refused, for tests of the rules without HTTP. */
public final class Refusals {

  private Refusals() {}

  /** The fields a 400 names, in order; fails unless the call is refused with one. */
  public static List<String> fieldsRefusedBy(ThrowingCallable validation) {
    Throwable thrown = catchThrowable(validation);
    assertThat(thrown).isInstanceOf(ApiException.class);
    ApiException refused = (ApiException) thrown;
    assertThat(refused.status().value()).isEqualTo(400);
    return refused.errors().stream().map(FieldError::field).toList();
  }
}
