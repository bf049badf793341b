package com.devcard.webhooks.api;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Reads what a MockMvc answer carries, for the values a test goes on with. */
public final class Responses {

  private Responses() {}

  public static String body(MvcTestResult result) {
    return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
  }

  /** The value at a JSON path of the body, e.g. {@code $.nextCursor}. */
  public static <T> T read(MvcTestResult result, String jsonPath) {
    return JsonPath.read(body(result), jsonPath);
  }
}
