/**
 * The shared kernel: secrets, webhook signatures, roles and the durable work channels the other modules hand work
 * over with. Kept small on purpose.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package io.switchboard.platform;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
