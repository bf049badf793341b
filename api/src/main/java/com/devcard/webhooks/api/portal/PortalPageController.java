package com.devcard.webhooks.api.portal;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the users' web page at {@code /portal}. It is static: hand-written ES modules under {@code
 * static/portal/} that call the REST API with the session token, so the page follows every rule of
 * the API without a second copy of any.
 */
@Controller
class PortalPageController {

  private static final Resource PAGE = new ClassPathResource("static/portal/index.html");

  @GetMapping({"/portal", "/portal/"})
  ResponseEntity<Resource> page() {
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
  }
}
