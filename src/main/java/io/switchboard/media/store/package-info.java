/**
 * The media store's adapters: the local filesystem (the embedded default, with links signed by Switchboard and served
 * by {@code /media/**}) and the S3 API (presigned links), one chosen by {@code switchboard.media.store}; and the
 * retention sweep. See {@code docs/media.md}.
 */
@NullMarked
package io.switchboard.media.store;

import org.jspecify.annotations.NullMarked;
