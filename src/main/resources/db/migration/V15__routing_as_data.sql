-- Routing as data. A tenant owns channel accounts (its numbers), each routed to a default destination; a conversation
-- is Switchboard's own, one per customer and number, and records the destination handling it now (so that a hand-off
-- changes one conversation), with that destination's id for it. Existing tenants' numbers and mappings carry over:
-- every number goes to Genesys, as before.
create table channel_accounts (
    channel         text        not null check (channel in ('whatsapp')),
    address         text        not null,
    tenant_id       text        not null references tenants (id) on delete cascade,
    display_address text,
    destination     text        not null,
    updated_at      timestamptz not null default now(),
    primary key (channel, address)
);
create index channel_accounts_tenant on channel_accounts (tenant_id);
insert into channel_accounts (channel, address, tenant_id, destination)
select 'whatsapp', phone_number_id, id, 'genesys' from tenants where phone_number_id is not null;

alter table conversation_mappings rename to conversations;
alter table conversations rename column wa_id to customer_id;
alter table conversations rename column id_type to customer_kind;
alter table conversations rename column conversation_id to destination_conversation_id;
alter table conversations
    add column id              uuid not null default gen_random_uuid(),
    add column channel_account text,
    add column destination     text not null default 'genesys',
    add column state           text not null default 'OPEN' check (state in ('OPEN')),
    add column updated_at      timestamptz not null default now();
update conversations c set channel_account = t.phone_number_id from tenants t where t.id = c.tenant_id;
update conversations set channel_account = '' where channel_account is null;
alter table conversations alter column channel_account set not null;
alter table conversations drop constraint conversation_mappings_pkey;
alter table conversations add primary key (id);
create unique index conversations_customer_account on conversations (tenant_id, customer_id, channel_account);
alter index conversation_mappings_conversation rename to conversations_destination_conversation;

