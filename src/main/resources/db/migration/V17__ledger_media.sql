-- What each media message carried, as Switchboard keeps it (seed 001's media_type and media_url): the kind of file,
-- its key in the media store (<bucket>/<tenant>/<sha256>), its size and checksum. Empty for messages without a file.
alter table message_tracking
  add column media_type   text,
  add column media_key    text,
  add column media_size   bigint,
  add column media_sha256 text;
