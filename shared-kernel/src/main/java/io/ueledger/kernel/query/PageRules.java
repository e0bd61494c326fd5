package io.ueledger.kernel.query;

/** The paging limits every list query shares, so the API answers them the same way everywhere. */
final class PageRules {

    private PageRules() {
    }

    static void check(int page, int size) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more, not " + page);
        }
        if (size < 1 || size > FindEnrollments.MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + FindEnrollments.MAX_SIZE
                    + ", not " + size);
        }
    }
}
