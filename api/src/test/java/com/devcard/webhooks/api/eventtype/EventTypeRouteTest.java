package com.devcard.webhooks.api.eventtype;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** {@code GET /api/event-types}: the catalog users subscribe from. */
@ApiSliceTest
class EventTypeRouteTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;

  @Test
  void theCatalogListsTheTypesWithTheirDescriptions() {
    assertThat(
            mvc.get()
                .uri("/api/event-types")
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(TestData.newUser()))
                .exchange())
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying(
            "$.items[*].type",
            types ->
                types
                    .assertThat()
                    .asArray()
                    .containsExactly("card.viewed", "contact.saved", "webhook.test"))
        .hasPathSatisfying(
            "$.items[*].description",
            descriptions -> descriptions.assertThat().asArray().doesNotContainNull());
  }
}
