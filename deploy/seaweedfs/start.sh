#!/bin/sh
# SeaweedFS (Apache-2.0) as the S3-compatible store of evidence files, shared by every ins-api
# replica. One node runs master, volume, filer and S3 gateway; data in /data.
#   - The S3 identity comes from the environment: INS's key pair, limited to the evidence bucket.
#   - The bucket is created on start (again harmlessly on a restart); the container reports healthy
#     only after that.
set -eu
: "${EVIDENCE_S3_BUCKET:?set EVIDENCE_S3_BUCKET}"
: "${EVIDENCE_S3_ACCESS_KEY_ID:?set EVIDENCE_S3_ACCESS_KEY_ID}"
: "${EVIDENCE_S3_SECRET_ACCESS_KEY:?set EVIDENCE_S3_SECRET_ACCESS_KEY}"
rm -f /tmp/ins-ready
umask 077
b="$EVIDENCE_S3_BUCKET"
cat > /tmp/s3.json <<JSON
{"identities":[{"name":"ins","credentials":[{"accessKey":"$EVIDENCE_S3_ACCESS_KEY_ID","secretKey":"$EVIDENCE_S3_SECRET_ACCESS_KEY"}],
  "actions":["Read:$b","Write:$b","List:$b"]}]}
JSON

weed server -dir=/data -ip.bind=0.0.0.0 -volume.max=0 -master.volumeSizeLimitMB=1024 \
  -s3 -s3.port=8333 -s3.config=/tmp/s3.json &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid"; exit 0' TERM INT

tries=0
until wget -q -O /dev/null http://127.0.0.1:8333/healthz; do
  tries=$((tries + 1))
  if [ "$tries" -gt 120 ] || ! kill -0 "$pid" 2>/dev/null; then echo "SeaweedFS did not start" >&2; exit 1; fi
  sleep 1
done
echo "s3.bucket.create -name $b" | weed shell -master=127.0.0.1:9333 >/dev/null 2>&1 || true
touch /tmp/ins-ready
echo "SeaweedFS ready: S3 on :8333, bucket $b"
wait "$pid"
