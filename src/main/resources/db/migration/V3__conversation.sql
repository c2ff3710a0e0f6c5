-- State manager: customer identities, conversation mappings and the message ledger (seed tables).
create table contact_identities (
    tenant_id     text        not null,
    identity      text        not null,
    customer_id   text        not null,
    customer_kind text        not null check (customer_kind in ('PHONE', 'BSUID')),
    created_at    timestamptz not null default now(),
    primary key (tenant_id, identity)
);

create table conversation_mappings (
    tenant_id        text        not null,
    wa_id            text        not null,
    id_type          text        not null check (id_type in ('PHONE', 'BSUID')),
    conversation_id  text,
    contact_name     text,
    created_at       timestamptz not null default now(),
    last_activity_at timestamptz not null default now(),
    last_inbound_at  timestamptz,
    primary key (tenant_id, wa_id)
);
create index conversation_mappings_conversation on conversation_mappings (tenant_id, conversation_id);

create table message_tracking (
    id                 bigserial primary key,
    tenant_id          text        not null,
    direction          text        not null check (direction in ('inbound', 'outbound')),
    wa_id              text        not null,
    conversation_id    text,
    meta_message_id    text,
    genesys_message_id text,
    message_type       text        not null,
    status             text        not null,
    failure_reason     text,
    media_type         text,
    media_url          text,
    platform_time      timestamptz,
    created_at         timestamptz not null default now(),
    updated_at         timestamptz not null default now()
);
create unique index message_tracking_meta on message_tracking (tenant_id, direction, meta_message_id)
    where meta_message_id is not null;
create unique index message_tracking_genesys on message_tracking (tenant_id, direction, genesys_message_id)
    where genesys_message_id is not null;
create index message_tracking_customer on message_tracking (tenant_id, wa_id, id desc);
