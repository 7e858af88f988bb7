package io.bourse.platform.web;

import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list, as a client asks for it: at most {@code limit} items ({@value #DEFAULT_LIMIT} unless it says,
 * {@value #MAX_LIMIT} at most), after the item the opaque {@code cursor} names. The cursor holds the sort key of the
 * last item of the page before (keyset paging): a page does not shift when newer items arrive meanwhile, so a client
 * that follows the cursors sees every item once.
 *
 * @param after the previous page's last sort key, one value per sort column; null for the first page
 */
public record PageRequest(int limit, List<String> after) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final String SEPARATOR = "\u001f";

    public PageRequest {
        after = after == null ? null : List.copyOf(after);
    }

    /** The page a request names; a limit out of range or a cursor this service did not make is a 400. */
    public static PageRequest of(Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new DomainException(Kind.INVALID, "INVALID_LIMIT",
                    "limit must be from 1 to " + MAX_LIMIT + ", not " + size);
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : decode(cursor));
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public boolean isFirst() {
        return after == null;
    }

    /** Column {@code column} of the previous page's last sort key, of a list sorted by {@code columns} columns. */
    public String after(int columns, int column) {
        if (after == null || after.size() != columns) {
            throw invalidCursor();
        }
        return after.get(column);
    }

    /** The same, a time: bound as UTC, as the read models keep their times. */
    public OffsetDateTime afterTime(int columns, int column) {
        try {
            return OffsetDateTime.ofInstant(Instant.parse(after(columns, column)), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw invalidCursor();
        }
    }

    /** The same, a whole number. */
    public long afterNumber(int columns, int column) {
        try {
            return Long.parseLong(after(columns, column));
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    /** How many rows to read: one more than the page, to learn whether another page follows. */
    public int rowsToRead() {
        return limit + 1;
    }

    static String encode(List<String> key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, key).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> decode(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Arrays.asList(key.split(SEPARATOR, -1));
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    public static DomainException invalidCursor() {
        return new DomainException(Kind.INVALID, "INVALID_CURSOR",
                "the cursor is not one this list handed out; start again without one");
    }
}
