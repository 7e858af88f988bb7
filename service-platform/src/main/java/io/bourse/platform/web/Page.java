package io.bourse.platform.web;

import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a list answer: its items, newest first, and the cursor of the next page when there is one. The answer
 * stays a JSON array, as lists were before paging; a page that is not the last says so in a
 * {@code Link: <...>; rel="next"} header, the same request with the next cursor.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page from rows read for {@code request} (up to {@link PageRequest#rowsToRead()}): a row beyond the limit
     * means another page follows, after the last item kept, whose sort key {@code sortKey} gives.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, List<String>> sortKey) {
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(items, PageRequest.encode(sortKey.apply(items.get(items.size() - 1))));
    }

    /**
     * A page its reader cut itself: the items, and the sort key the next page starts after, or null for the last
     * page. For a list read in windows, where a page may end before it is full.
     */
    public static <T> Page<T> continuingAfter(List<T> items, List<String> nextKey) {
        return new Page<>(List.copyOf(items), nextKey == null ? null : PageRequest.encode(nextKey));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /** The answer to the current request: the items, with a link to the next page if there is one. */
    public ResponseEntity<List<T>> toResponse() {
        if (nextCursor == null) {
            return ResponseEntity.ok(items);
        }
        String next = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("cursor", nextCursor).build().toUriString();
        return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").body(items);
    }
}
