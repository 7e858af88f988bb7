package io.bourse.benchmarks.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagesTest {

    private static final URI REQUEST = URI.create("http://127.0.0.1:8081/api/v1/orders?accountId=a1&limit=1000");

    private static JsonNode json(String text) throws Exception {
        return BourseClient.JSON.readTree(text);
    }

    @Test
    void aBareArrayIsOnePageAndSaysNothingOfMore() throws Exception {
        Pages.Page page = Pages.read(REQUEST, json("[{\"orderId\":\"o1\"},{\"orderId\":\"o2\"}]"), Optional.empty());

        assertThat(page.items()).hasSize(2);
        assertThat(page.bareArray()).isTrue();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void aLinkHeaderNamesTheNextPage() throws Exception {
        Pages.Page page = Pages.read(REQUEST, json("[{\"orderId\":\"o1\"}]"),
                Optional.of("</api/v1/orders?accountId=a1&cursor=abc>; rel=\"next\""));

        assertThat(page.next()).contains(URI.create("http://127.0.0.1:8081/api/v1/orders?accountId=a1&cursor=abc"));
    }

    @Test
    void aCursorInTheBodyIsSentBackWithTheSameQuery() throws Exception {
        Pages.Page page = Pages.read(REQUEST, json("{\"items\":[{\"orderId\":\"o1\"}],\"next\":\"c 2\"}"),
                Optional.empty());

        assertThat(page.items()).hasSize(1);
        assertThat(page.bareArray()).isFalse();
        assertThat(page.next()).contains(
                URI.create("http://127.0.0.1:8081/api/v1/orders?accountId=a1&limit=1000&cursor=c+2"));
    }

    @Test
    void theLastPageHasNoNext() throws Exception {
        Pages.Page page = Pages.read(REQUEST, json("{\"items\":[],\"next\":null}"), Optional.empty());

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }
}
