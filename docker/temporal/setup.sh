#!/bin/sh
# Prepares the Temporal namespace the app runs in: the namespace itself and the keyword search
# attributes operators filter deliveries by in the Temporal UI. Safe on every start: it only
# adds what is missing.
# Runs in temporalio/admin-tools (compose service temporal-setup), once the server is up.
set -eu

address="${TEMPORAL_ADDRESS:-temporal:7233}"
namespace="${TEMPORAL_NAMESPACE:-default}"
# Closed deliveries stay visible in the Temporal UI this long.
retention="${TEMPORAL_NAMESPACE_RETENTION:-168h}"
search_attributes="WebhookUserId WebhookEndpointId WebhookEventType WebhookDeliveryStatus"

# Runs a command until it succeeds, at most 60 tries 2 s apart (the server may still be starting).
retry() {
  description=$1
  shift
  tries=0
  until "$@"; do
    tries=$((tries + 1))
    if [ "${tries}" -ge 60 ]; then
      echo "Gave up: ${description}" >&2
      return 1
    fi
    echo "Waiting: ${description}"
    sleep 2
  done
}

temporal_op() {
  temporal operator "$@" --address "${address}"
}

ensure_namespace() {
  temporal_op namespace describe --namespace "${namespace}" >/dev/null 2>&1 \
    || temporal_op namespace create --namespace "${namespace}" --retention "${retention}"
}

# A freshly created namespace takes a few seconds to reach every server cache,
# so this is retried like the rest.
ensure_search_attribute() {
  name=$1
  if temporal_op search-attribute list --namespace "${namespace}" | grep -qw "${name}"; then
    return 0
  fi
  temporal_op search-attribute create --namespace "${namespace}" --name "${name}" --type Keyword
}

retry "Temporal at ${address} to answer" temporal_op cluster health
retry "namespace ${namespace}" ensure_namespace
for name in ${search_attributes}; do
  retry "search attribute ${name}" ensure_search_attribute "${name}"
done

echo "Namespace ${namespace} is ready with search attributes: ${search_attributes}"
temporal_op search-attribute list --namespace "${namespace}"
