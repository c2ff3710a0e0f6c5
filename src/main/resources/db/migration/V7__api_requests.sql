-- Messages requested through the REST API carry the caller's idempotency key.
alter table message_tracking add column request_key text;
create unique index message_tracking_request on message_tracking (tenant_id, direction, request_key)
    where request_key is not null;
