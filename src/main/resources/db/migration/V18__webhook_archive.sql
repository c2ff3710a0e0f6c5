-- Raw webhook payloads are also kept in the media store's webhook buckets (seed 001: webhooks-inbound for the
-- channels', webhooks-outbound for the destinations'); archive_key is where, once copied.
alter table whatsapp_webhook_payloads add column archive_key text;
alter table genesys_inbound_events add column archive_key text;
create index whatsapp_webhook_payloads_unarchived on whatsapp_webhook_payloads (id) where archive_key is null;
create index genesys_inbound_events_unarchived on genesys_inbound_events (id) where archive_key is null;
