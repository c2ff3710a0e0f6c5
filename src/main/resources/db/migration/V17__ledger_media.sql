-- What each media message carried, as Switchboard keeps it: the kind of file (seed 001's media_type, unused until
-- now), its key in the media store (<bucket>/<tenant>/<sha256>; seed 001's media_url, renamed, since a link to the
-- copy expires and is made when needed), its size and checksum. Empty for messages without a file.
alter table message_tracking rename column media_url to media_key;
alter table message_tracking
  add column media_size   bigint,
  add column media_sha256 text;
