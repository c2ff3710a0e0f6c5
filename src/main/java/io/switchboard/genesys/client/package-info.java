/**
 * The HTTP client for Genesys Cloud's Platform API: authenticated calls with bounded retries behind
 * {@link io.switchboard.genesys.GenesysClient}.
 */
@NullMarked
package io.switchboard.genesys.client;

import org.jspecify.annotations.NullMarked;
