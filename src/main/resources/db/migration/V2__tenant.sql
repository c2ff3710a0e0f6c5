-- Tenants and their channel credentials (seed tables). Secret fields inside credentials are AES-GCM encrypted.
create table tenants (
    id                     text primary key,
    name                   text        not null,
    phone_number_id        text unique,
    genesys_integration_id text unique,
    status                 text        not null default 'active',
    sandbox                boolean     not null default false,
    api_key_hash           text,
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now()
);

create table tenant_credentials (
    tenant_id       text        not null references tenants (id) on delete cascade,
    credential_type text        not null check (credential_type in ('whatsapp', 'genesys')),
    credentials     jsonb       not null,
    updated_at      timestamptz not null default now(),
    primary key (tenant_id, credential_type)
);
