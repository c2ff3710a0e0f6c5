package io.switchboard.work;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of a work record's shape on its queue. Queued work outlives a deploy: during a rolling deploy a node
 * reads work that another version of Switchboard published. Each payload is stored with its version, and read
 * tolerantly: fields it does not know are ignored and fields it lacks are absent, so a record that grows a field
 * makes it nullable (with the old meaning as the default) and raises its version. A record without this annotation is
 * at version 1. See docs/architecture.md, "Work in flight across deploys".
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WorkPayloadVersion {

	/**
	 * @return the version of the record's shape, from 1; raised whenever a field is added, renamed or reinterpreted.
	 */
	int value();
}
