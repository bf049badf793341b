package com.devcard.webhooks.app.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word on an error no servlet answered, as problem+json instead of its HTML page: a
 * request rejected by the connector itself (an encoded NUL or slash, a broken percent-escape, an
 * over-long request line) never reaches Spring.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

  private final JsonMapper jsonMapper;

  ProblemErrorReportValve(JsonMapper jsonMapper) {
    this.jsonMapper = jsonMapper;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(jsonMapper.writeValueAsString(ErrorProblems.of(status)));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException connectionGone) {
      // Nothing more can be sent on this connection.
    }
  }
}
