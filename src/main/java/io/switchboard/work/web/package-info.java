/**
 * The admin API of the dead letters ({@code /api/admin/dead-letters}).
 */
@NullMarked
package io.switchboard.work.web;

import org.jspecify.annotations.NullMarked;
