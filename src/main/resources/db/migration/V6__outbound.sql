-- Outbound relay: which receipt Genesys got for an agent's message, and the Genesys webhook intake.
alter table message_tracking add column genesys_receipt text;

create table genesys_inbound_events (
    id                 bigserial primary key,
    tenant_id          text        not null,
    genesys_message_id text        not null,
    message_type       text        not null,
    body               bytea       not null,
    received_at        timestamptz not null default now(),
    unique (tenant_id, genesys_message_id)
);
