package io.bourse.benchmarks.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one page of a list answer: the services answer a JSON array and name the next page in a
 * {@code Link: <...>; rel="next"} header. A body with the items and a next cursor in it is understood too.
 */
final class Pages {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;[^,]*rel=\"?next\"?");
    private static final List<String> ITEM_FIELDS = List.of("items", "content", "data", "results", "orders",
            "trades", "settlements");
    private static final List<String> NEXT_FIELDS = List.of("next", "nextCursor", "cursor");

    record Page(List<JsonNode> items, boolean bareArray, Optional<URI> next) {
    }

    private Pages() {
    }

    static Page read(URI request, JsonNode body, Optional<String> linkHeader) {
        List<JsonNode> items = new ArrayList<>();
        boolean bare = body.isArray();
        JsonNode array = bare ? body : ITEM_FIELDS.stream().map(body::path).filter(JsonNode::isArray).findFirst()
                .orElse(null);
        if (array != null) {
            array.forEach(items::add);
        }
        Optional<URI> next = linkHeader.flatMap(Pages::nextLink).map(request::resolve);
        if (next.isEmpty() && !bare) {
            for (String field : NEXT_FIELDS) {
                JsonNode value = body.path(field);
                if (value.isTextual() && !value.asText().isBlank()) {
                    next = Optional.of(following(request, value.asText()));
                    break;
                }
            }
        }
        return new Page(items, bare, next);
    }

    static Optional<String> nextLink(String header) {
        Matcher matcher = NEXT_LINK.matcher(header);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A next value is either a link or a cursor to send back with the same query. */
    static URI following(URI request, String next) {
        if (next.startsWith("/") || next.startsWith("http:") || next.startsWith("https:")) {
            return request.resolve(next);
        }
        String query = request.getRawQuery() == null ? "" : request.getRawQuery().replaceAll("(^|&)cursor=[^&]*", "");
        String joined = (query.isEmpty() ? "" : query.replaceAll("^&", "") + "&") + "cursor="
                + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return URI.create(request.getScheme() + "://" + request.getRawAuthority() + request.getRawPath() + "?" + joined);
    }
}
