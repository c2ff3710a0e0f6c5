#!/bin/sh
# Provisions MinIO for Switchboard (deploy/compose.yaml's minio-buckets): the seed's four buckets and a user that may
# read and write their objects only. Idempotent: safe to run on every `docker compose up`.
set -eu

mc alias set switchboard http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"

for bucket in media-inbound media-outbound webhooks-inbound webhooks-outbound; do
  mc mb --ignore-existing "switchboard/$bucket"
done

cat > /tmp/switchboard-policy.json <<'POLICY'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket"],
      "Resource": ["arn:aws:s3:::media-inbound", "arn:aws:s3:::media-outbound",
                   "arn:aws:s3:::webhooks-inbound", "arn:aws:s3:::webhooks-outbound"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      "Resource": ["arn:aws:s3:::media-inbound/*", "arn:aws:s3:::media-outbound/*",
                   "arn:aws:s3:::webhooks-inbound/*", "arn:aws:s3:::webhooks-outbound/*"]
    }
  ]
}
POLICY

mc admin policy create switchboard switchboard-buckets /tmp/switchboard-policy.json
mc admin user add switchboard switchboard "$MINIO_SWITCHBOARD_PASSWORD"
mc admin policy attach switchboard switchboard-buckets --user switchboard || true
