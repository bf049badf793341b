package com.devcard.webhooks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** DevCard Webhooks: the API and the delivery worker in one binary, switched by roles. */
@SpringBootApplication(scanBasePackages = "com.devcard.webhooks")
public class WebhooksApplication {

  public static void main(String[] args) {
    SpringApplication.run(WebhooksApplication.class, args);
  }
}
