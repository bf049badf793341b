// Receiver code that verifies an endpoint's deliveries with the public Standard Webhooks
// libraries. Filled in with the endpoint's id and path; the secret is read from the environment
// and never appears here.

function pathOf(url) {
  try {
    return new URL(url).pathname || '/';
  } catch (notAUrl) {
    return '/webhooks';
  }
}

const SECRET_NOTE = 'The endpoint\'s signing secret ("whsec_..."), shown once when it was created or rotated.';
const CHECK_NOTE = 'Checks webhook-signature over the raw body, and that webhook-timestamp is within 5 minutes.';
const ONCE_NOTE = 'Deliveries come at least once: skip a webhook-id you have handled already.';

export const LANGUAGES = [
  { id: 'node', label: 'Node.js' },
  { id: 'python', label: 'Python' },
  { id: 'java', label: 'Java' },
  { id: 'go', label: 'Go' },
];

export function snippet(language, endpoint) {
  const path = JSON.stringify(pathOf(endpoint.url));
  const id = endpoint.id;
  switch (language) {
    case 'node':
      return `// Receives the deliveries of DevCard endpoint ${id}.
//   npm install standardwebhooks express
const express = require("express");
const { Webhook } = require("standardwebhooks");

// ${SECRET_NOTE}
const webhook = new Webhook(process.env.DEVCARD_WEBHOOK_SECRET);

const app = express();
app.post(${path}, express.raw({ type: "application/json" }), (req, res) => {
  let event;
  try {
    // ${CHECK_NOTE}
    event = webhook.verify(req.body, req.headers);
  } catch (err) {
    return res.sendStatus(401);
  }
  // ${ONCE_NOTE}
  console.log(req.headers["webhook-id"], event.type, event.data);
  res.sendStatus(204);
});
app.listen(3000);
`;
    case 'python':
      return `# Receives the deliveries of DevCard endpoint ${id}.
#   pip install standardwebhooks flask
import os

from flask import Flask, abort, request
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

# ${SECRET_NOTE}
webhook = Webhook(os.environ["DEVCARD_WEBHOOK_SECRET"])
app = Flask(__name__)


@app.post(${path})
def devcard_webhook():
    try:
        # ${CHECK_NOTE}
        event = webhook.verify(request.get_data(), dict(request.headers))
    except WebhookVerificationError:
        abort(401)
    # ${ONCE_NOTE}
    print(request.headers["webhook-id"], event["type"], event["data"])
    return "", 204
`;
    case 'java':
      return `// Receives the deliveries of DevCard endpoint ${id}.
//   Maven: com.standardwebhooks:standardwebhooks:1.2.0
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public final class DevCardReceiver {

  public static void main(String[] args) throws Exception {
    // ${SECRET_NOTE}
    Webhook webhook = new Webhook(System.getenv("DEVCARD_WEBHOOK_SECRET"));
    HttpServer server = HttpServer.create(new InetSocketAddress(3000), 0);
    server.createContext(${path}, exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = 204;
      try {
        // ${CHECK_NOTE}
        webhook.verify(body, exchange.getRequestHeaders());
        // ${ONCE_NOTE}
      } catch (WebhookVerificationException e) {
        status = 401;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }
}
`;
    case 'go':
      return `// Receives the deliveries of DevCard endpoint ${id}.
//   go get github.com/standard-webhooks/standard-webhooks/libraries
package main

import (
	"io"
	"log"
	"net/http"
	"os"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

func main() {
	// ${SECRET_NOTE}
	wh, err := standardwebhooks.NewWebhook(os.Getenv("DEVCARD_WEBHOOK_SECRET"))
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc(${path}, func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		// ${CHECK_NOTE}
		if err := wh.Verify(body, r.Header); err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		// ${ONCE_NOTE}
		w.WriteHeader(http.StatusNoContent)
	})
	log.Fatal(http.ListenAndServe(":3000", nil))
}
`;
    default:
      return '';
  }
}
