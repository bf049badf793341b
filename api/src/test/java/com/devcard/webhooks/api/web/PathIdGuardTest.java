package com.devcard.webhooks.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

class PathIdGuardTest {

  private final PathIdGuard guard = new PathIdGuard();

  @Test
  void idsWithoutControlCharactersPass() {
    assertThat(
            guard.preHandle(
                requestWith(Map.of("endpointId", "ep_01JQ", "deliveryId", "dlv_\u00e9\u202e")),
                new MockHttpServletResponse(),
                new Object()))
        .isTrue();
  }

  @Test
  void aRequestWithoutPathVariablesPasses() {
    assertThat(
            guard.preHandle(
                new MockHttpServletRequest(), new MockHttpServletResponse(), new Object()))
        .isTrue();
  }

  @Test
  void everyIdWithAControlCharacterIsNamedInOne400() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("endpointId", "ep_\u0000");
    variables.put("deliveryId", "dlv_ok");
    variables.put("recoveryId", "rcv\u0001");

    assertThatThrownBy(
            () ->
                guard.preHandle(
                    requestWith(variables), new MockHttpServletResponse(), new Object()))
        .isInstanceOfSatisfying(
            ApiException.class,
            refused -> {
              assertThat(refused.status().value()).isEqualTo(400);
              assertThat(refused.errors())
                  .containsExactly(
                      new FieldError("endpointId", PathIdGuard.MESSAGE),
                      new FieldError("recoveryId", PathIdGuard.MESSAGE));
            });
  }

  @Test
  void c1ControlsAndDeleteAreControlCharactersToo() {
    for (String id : new String[] {"a\u007f", "a\u0085", "a\u009f", "a\u001b[31m"}) {
      assertThat(InputRules.hasControlCharacters(id)).as(id).isTrue();
    }
    assertThat(InputRules.hasControlCharacters("ep_\u00e9\u202e")).isFalse();
  }

  private static MockHttpServletRequest requestWith(Map<String, String> variables) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
    return request;
  }
}
