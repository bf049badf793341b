#!/usr/bin/env bash
# Validates docker/compose.yaml without a Docker engine; CI runs it. Checks that:
#   1. the file is valid with every required variable set to a placeholder;
#   2. docker/.env.example sets every required variable;
#   3. leaving out any one required variable fails, with a message naming it.
# Uses `docker compose` when present, else Debian's docker-compose 1.29
# (apt-get install docker-compose); the file stays within what both accept.
# Exits non-zero on the first failed check.
set -euo pipefail
cd "$(dirname "$0")"

required=(POSTGRES_PASSWORD WEBHOOKS_DB_PASSWORD TEMPORAL_DB_PASSWORD WEBHOOKS_MASTER_KEY WEBHOOKS_JWT_SECRET)

if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
else
  echo "check-compose: needs 'docker compose' or 'docker-compose' (apt-get install docker-compose)" >&2
  exit 1
fi

# A developer's own docker/.env must not decide the outcome: every run names its env file.
no_env_file=$(mktemp)
trap 'rm -f "${no_env_file}"' EXIT

unset_required=()
placeholders=()
for name in "${required[@]}"; do
  unset_required+=(-u "${name}")
  placeholders+=("${name}=placeholder-${name,,}")
done

# Runs `compose config -q` with the given env file and extra variables; none of the required
# variables is inherited from the caller's environment.
config() {
  local env_file=$1
  shift
  env "${unset_required[@]}" "$@" "${compose[@]}" --env-file "${env_file}" -f compose.yaml config -q
}

fail() {
  echo "check-compose: FAILED: $*" >&2
  exit 1
}

config "${no_env_file}" "${placeholders[@]}" || fail "compose.yaml is invalid"
echo "check-compose: compose.yaml is valid (${compose[*]})"

config .env.example || fail ".env.example does not set every required variable"
echo "check-compose: .env.example sets every required variable"

for name in "${required[@]}"; do
  others=()
  for placeholder in "${placeholders[@]}"; do
    [[ ${placeholder} == "${name}="* ]] || others+=("${placeholder}")
  done
  if output=$(config "${no_env_file}" "${others[@]}" 2>&1); then
    fail "compose.yaml accepts a missing ${name}"
  fi
  grep -q "set ${name} in docker/.env" <<<"${output}" \
    || fail "a missing ${name} fails without naming it: ${output}"
done
echo "check-compose: a missing ${required[*]} each stop compose with a message naming it"
