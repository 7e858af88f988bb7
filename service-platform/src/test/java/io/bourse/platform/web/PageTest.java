package io.bourse.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.events.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void aListAsksForAHundredUnlessToldAndNeverMoreThanAThousand() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(100);
        assertThat(PageRequest.of(1000, null).limit()).isEqualTo(1000);
        assertThatThrownBy(() -> PageRequest.of(1001, null)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_LIMIT"));
        assertThatThrownBy(() -> PageRequest.of(0, null)).isInstanceOf(DomainException.class);
    }

    @Test
    void aRowBeyondTheLimitMeansAnotherPageAfterTheLastItemKept() {
        PageRequest first = PageRequest.of(2, null);
        Page<String> page = Page.of(List.of("c", "b", "a"), first, item -> List.of("2026-12-01T12:00:00Z", item));

        assertThat(page.items()).containsExactly("c", "b");
        PageRequest next = PageRequest.of(2, page.nextCursor());
        assertThat(next.after(2, 1)).isEqualTo("b");
        assertThat(next.afterTime(2, 0).toInstant()).hasToString("2026-12-01T12:00:00Z");
    }

    @Test
    void theLastPageNamesNoNext() {
        assertThat(Page.of(List.of("b", "a"), PageRequest.of(2, null), item -> List.of(item)).nextCursor()).isNull();
    }

    @Test
    void aCursorThisListDidNotMakeIsRefused() {
        assertThatThrownBy(() -> PageRequest.of(10, "%%%")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_CURSOR"));
        PageRequest oneColumn = PageRequest.of(10, PageRequest.encode(List.of("x")));
        assertThatThrownBy(() -> oneColumn.after(2, 0)).isInstanceOf(DomainException.class);
        PageRequest notATime = PageRequest.of(10, PageRequest.encode(List.of("yesterday", "x")));
        assertThatThrownBy(() -> notATime.afterTime(2, 0)).isInstanceOf(DomainException.class);
    }
}
