-- Spring Modulith's event publication registry (schema v2 of spring-modulith-events-jdbc): one row per event and
-- listener, written in the publishing transaction and deleted when the listener completed
-- (spring.modulith.events.completion-mode=delete). Rows left behind are publications whose listener failed.
create table if not exists event_publication (
  id                     uuid not null primary key,
  listener_id            text not null,
  event_type             text not null,
  serialized_event       text not null,
  publication_date       timestamp with time zone not null,
  completion_date        timestamp with time zone,
  status                 text,
  completion_attempts    int,
  last_resubmission_date timestamp with time zone
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
