package com.devcard.webhooks.api.web;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses a path id with a control character before any controller looks it up: no id holds one,
 * and NUL would reach the database as an error rather than as "not found". The firewall already
 * refuses an encoded NUL, CR or LF; this covers every other control character, on every route.
 */
class PathIdGuard implements HandlerInterceptor {

  static final String MESSAGE = InputRules.CONTROL_CHARACTERS;

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
        instanceof Map<?, ?> variables) {
      List<FieldError> errors =
          variables.entrySet().stream()
              .filter(
                  variable ->
                      variable.getValue() instanceof String value
                          && InputRules.hasControlCharacters(value))
              .map(variable -> new FieldError(String.valueOf(variable.getKey()), MESSAGE))
              .toList();
      if (!errors.isEmpty()) {
        throw ApiException.validation(errors);
      }
    }
    return true;
  }
}
