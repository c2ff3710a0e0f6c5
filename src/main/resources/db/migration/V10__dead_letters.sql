-- Dead letters: work given up by either transport, kept with what an operator needs to decide on it, and what was
-- decided (replayed or discarded, by whom, when, why). Resolved rows stay as the audit trail.
create table dead_letters (
    id               bigserial primary key,
    work_id          text        not null,
    channel          text        not null,
    ordering_key     text        not null,
    tenant_id        text,
    payload          jsonb       not null,
    reason           text        not null check (reason in ('unreadable', 'gave-up', 'delivery-limit')),
    last_error       text,
    attempts         int         not null default 0,
    published_at     timestamptz not null,
    dead_lettered_at timestamptz not null default now(),
    state            text        not null default 'DEAD' check (state in ('DEAD', 'REPLAYED', 'DISCARDED')),
    acted_by         text,
    acted_at         timestamptz,
    action_reason    text
);
-- A work item is dead-lettered once, however often a transport delivers it.
create unique index dead_letters_work on dead_letters (channel, work_id);
create index dead_letters_state on dead_letters (state, dead_lettered_at desc, id desc);
create index dead_letters_tenant on dead_letters (tenant_id, state, dead_lettered_at desc);

-- Items earlier versions parked in work_items as FAILED become dead letters.
insert into dead_letters (work_id, channel, ordering_key, tenant_id, payload, reason, last_error, attempts,
                          published_at, dead_lettered_at)
select id::text, channel, ordering_key,
       case when position('|' in ordering_key) > 0 then split_part(ordering_key, '|', 1) end,
       payload, case when last_error like 'unreadable:%' then 'unreadable' else 'gave-up' end,
       last_error, attempts, created_at, greatest(available_at, created_at)
from work_items where status = 'FAILED';
delete from work_items where status = 'FAILED';
