/**
 * Media kept in object storage: the seed's four buckets ({@link io.switchboard.media.MediaBucket}), objects
 * tenant-prefixed and content-addressed ({@link io.switchboard.media.MediaKey}), links a platform can fetch without
 * credentials, retention; and fetching a business's attachment from the internet safely
 * ({@link io.switchboard.media.AttachmentFetcher}). One port per piece, one adapter per backend (the local filesystem
 * as the embedded default, the S3 API in production), chosen by configuration.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "platform :: web" })
@NullMarked
package io.switchboard.media;

import org.jspecify.annotations.NullMarked;
