-- How far a message of several parts got (so a retry sends only the parts not yet accepted), and whether the receipt
-- Genesys is owed was given: OWED when queued, GIVEN when Genesys accepted it, REFUSED when Genesys refused it for good,
-- NOT_GIVEN when the retries ran out.
alter table message_tracking
    add column parts_sent int not null default 0,
    add column genesys_receipt_state text check (genesys_receipt_state in ('OWED', 'GIVEN', 'REFUSED', 'NOT_GIVEN')),
    add column genesys_receipt_error text;
update message_tracking set genesys_receipt_state = 'GIVEN' where genesys_receipt is not null;
