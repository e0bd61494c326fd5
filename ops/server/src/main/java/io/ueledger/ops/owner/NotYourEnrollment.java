package io.ueledger.ops.owner;

/**
 * The signed-in owner asked for an enrollment that is not theirs, or that does not exist, or whose
 * retention period has ended: all three answer the same 403, so the answer tells nobody whether
 * someone else's enrollment exists.
 */
class NotYourEnrollment extends RuntimeException {

    NotYourEnrollment(String enrollmentRef) {
        super("enrollment '" + enrollmentRef + "' is not one of the signed-in owner's");
    }
}
