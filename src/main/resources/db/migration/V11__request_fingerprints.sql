-- A message recorded for an API request keeps a fingerprint of what the request asked for (SHA-256 of its tenant,
-- operation and the fields that matter), so that an idempotency key reused for a different request is refused instead
-- of answered with the first message. Entries recorded before this have none and keep answering any reuse.
alter table message_tracking add column request_fingerprint text;
