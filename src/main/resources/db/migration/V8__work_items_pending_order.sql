-- The claim query reads the oldest pending items of a channel in id order. This index serves it as an ordered scan
-- that stops at the LIMIT whatever the table's statistics say; without it, a queue table whose size swings faster than
-- autovacuum analyses it gets planned through work_items_due and every claim reads and sorts the whole backlog.
create index work_items_pending_order on work_items (channel, id) where status = 'PENDING';
