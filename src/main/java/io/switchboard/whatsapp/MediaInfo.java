package io.switchboard.whatsapp;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * What the Cloud API says about a media id ({@code GET /{media-id}}): a download URL that needs the business token
 * and lives about five minutes, and the file's declared type, checksum and size.
 *
 * @param sha256 lower-case hex, as the Cloud API gives it here.
 */
public record MediaInfo(URI url, @Nullable String mimeType, @Nullable String sha256, @Nullable Long size) {}
