package io.ueledger.ops.console.web;

/**
 * The "page 2 of 7" strip under a long list. Pages are numbered from 0 in URLs (as in the API) and
 * from 1 on screen.
 */
public record Paging(int page, int size, long total) {

    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    public long first() {
        return total == 0 ? 0 : (long) page * size + 1;
    }

    public long last() {
        return Math.min(total, (long) (page + 1) * size);
    }
}
