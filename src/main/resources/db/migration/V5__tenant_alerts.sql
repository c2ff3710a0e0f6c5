-- Alerts raised against a tenant, e.g. WhatsApp refusing its access token (Graph error 190), which stop sends until
-- an operator fixes the credentials.
create table tenant_alerts (
    id          bigserial primary key,
    tenant_id   text        not null references tenants (id) on delete cascade,
    kind        text        not null,
    detail      text        not null,
    raised_at   timestamptz not null default now(),
    cleared_at  timestamptz
);
create unique index tenant_alerts_open on tenant_alerts (tenant_id, kind) where cleared_at is null;
