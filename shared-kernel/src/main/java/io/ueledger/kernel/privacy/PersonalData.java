package io.ueledger.kernel.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an enrollment event that holds personal-adjacent data (a {@code String} or a
 * {@code List<String>}). The data subject is the event's {@code enrollmentRef}: the event store keeps
 * the value encrypted with that enrollment's data key, and once unenrollment destroys the key the
 * value reads back as {@link Shredded#MARKER}. The rest of the event stays readable, so the ledger
 * still proves what happened.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface PersonalData {
}
