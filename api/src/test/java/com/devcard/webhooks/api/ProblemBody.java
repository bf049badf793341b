package com.devcard.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An RFC 9457 answer as a client reads it. */
public record ProblemBody(
    String type, String title, int status, String detail, List<Field> errors) {

  public record Field(String field, String message) {}

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TYPES = "https://devcard.dev/problems/";

  /**
   * Checks what every problem answer must be, then returns it: {@code application/problem+json},
   * the status in the body too, the stable type, a title and a detail, and nothing internal.
   *
   * @param typeSlug the end of the type URI, e.g. {@code validation-failed}
   */
  public static ProblemBody assertProblem(
      MvcTestResult result, HttpStatus status, String typeSlug) {
    MockHttpServletResponse response = result.getResponse();
    String body = Responses.body(result);
    assertThat(response.getStatus()).as(body).isEqualTo(status.value());
    assertThat(MediaType.parseMediaType(response.getContentType()))
        .matches(MediaType.APPLICATION_PROBLEM_JSON::isCompatibleWith, "is problem+json");
    assertThat(body)
        .doesNotContainIgnoringCase("exception")
        .doesNotContain("at com.")
        .doesNotContain("at org.");
    ProblemBody problem = parse(body);
    assertThat(problem.type()).isEqualTo(TYPES + typeSlug);
    assertThat(problem.status()).isEqualTo(status.value());
    assertThat(problem.title()).isNotBlank();
    assertThat(problem.detail()).isNotBlank();
    return problem;
  }

  /** A 400 naming wrong fields; returns them. */
  public static List<Field> assertValidationProblem(MvcTestResult result) {
    return assertProblem(result, HttpStatus.BAD_REQUEST, "validation-failed").errors();
  }

  public List<String> fields() {
    return errors.stream().map(Field::field).toList();
  }

  private static ProblemBody parse(String body) {
    JsonNode json = JSON.readTree(body);
    List<Field> errors = new ArrayList<>();
    JsonNode list = json.path("errors");
    for (JsonNode error : list.values()) {
      errors.add(new Field(error.path("field").asString(), error.path("message").asString()));
    }
    return new ProblemBody(
        json.path("type").asString(),
        json.path("title").asString(),
        json.path("status").asInt(),
        json.path("detail").asString(),
        List.copyOf(errors));
  }
}
