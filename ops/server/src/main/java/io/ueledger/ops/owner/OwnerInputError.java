package io.ueledger.ops.owner;

/** A request to the owner view that cannot be answered as asked; the page says why, nothing changes. */
class OwnerInputError extends RuntimeException {

    OwnerInputError(String message) {
        super(message);
    }
}
