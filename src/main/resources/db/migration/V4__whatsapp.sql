-- WhatsApp webhook intake: the raw payloads as received, and one row per message, status, error or account event
-- under a unique provider key (wamid; wamid:status for statuses), which is what makes redeliveries harmless.
create table whatsapp_webhook_payloads (
    id          bigserial primary key,
    received_at timestamptz not null default now(),
    body        bytea       not null
);

create table whatsapp_inbound_events (
    id           bigserial primary key,
    tenant_id    text        not null,
    provider_key text        not null,
    kind         text        not null check (kind in ('message', 'status', 'error', 'event')),
    wamid        text,
    payload_id   bigint      not null references whatsapp_webhook_payloads (id),
    received_at  timestamptz not null default now(),
    unique (tenant_id, provider_key)
);
