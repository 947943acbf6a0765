#!/bin/sh
# Registers the namespace and the INS search attributes (idempotent). The list must match
# workflows/search-attributes.ts; test/deploy.test.ts checks that it does.
set -eu
NS="${TEMPORAL_NAMESPACE:-default}"
ADDR="${TEMPORAL_ADDRESS:-temporal:7233}"
until temporal operator cluster health --address "$ADDR"; do sleep 3; done
temporal operator namespace describe -n "$NS" --address "$ADDR" >/dev/null 2>&1 \
  || temporal operator namespace create -n "$NS" --retention 3650d --address "$ADDR"
for pair in CaseKind=Keyword CaseStatus=Keyword CurrentStep=Keyword UnitId=Keyword TeamId=Keyword \
            ProcedureId=Keyword ProcedureVersion=Keyword CampaignId=Keyword NextDeadline=Datetime Overdue=Bool; do
  name="${pair%%=*}"; type="${pair#*=}"
  temporal operator search-attribute create --namespace "$NS" --address "$ADDR" --name "$name" --type "$type" \
    || echo "search attribute $name exists"
done
echo "namespace $NS ready"
