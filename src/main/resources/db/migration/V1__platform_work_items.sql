-- Durable work channels (embedded adapter): one row per item of work until it completes.
create table work_items (
    id            bigserial primary key,
    channel       text        not null,
    ordering_key  text        not null,
    payload       jsonb       not null,
    status        text        not null default 'PENDING' check (status in ('PENDING', 'RUNNING', 'FAILED')),
    attempts      int         not null default 0,
    available_at  timestamptz not null default now(),
    lease_until   timestamptz,
    claimed_by    text,
    last_error    text,
    created_at    timestamptz not null default now()
);
create index work_items_due on work_items (channel, available_at, id) where status = 'PENDING';
create index work_items_key on work_items (channel, ordering_key, id);
