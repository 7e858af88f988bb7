package io.bourse.settlement.trade;

import io.bourse.platform.security.Access;
import io.bourse.platform.streams.LiveStreams;
import io.bourse.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** An account's settlements as a stream (docs/STREAMS.md): each trade's settlement as it moves on. */
@Tag(name = LiveStreams.OPENAPI_TAG, description = LiveStreams.OPENAPI_TAG_DESCRIPTION)
@RestController
class SettlementStreamController {

    static final int SNAPSHOT = 50;

    private final LiveStreams live;
    private final SettlementProjection settlements;
    private final Access access;

    SettlementStreamController(LiveStreams live, SettlementProjection settlements, Access access) {
        this.live = live;
        this.settlements = settlements;
        this.access = access;
    }

    @Operation(summary = "Stream an account's settlements",
            description = "A `snapshot` of the account's latest 50 settlements, newest first (as GET "
                    + "/api/v1/settlements), then a `settlement` event after every change of one: PENDING, then SETTLED "
                    + "or FAILED with its reason. The counterparty stays unnamed. For the account's owner.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @GetMapping(path = "/api/v1/streams/settlements", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> settlements(
            @Parameter(description = "One of the caller's accounts") @RequestParam String accountId,
            @Parameter(description = LiveStreams.LAST_EVENT_ID_DESCRIPTION)
            @RequestHeader(name = LiveStreams.LAST_EVENT_ID, required = false) String lastEventId) {
        access.requireAccount(accountId);
        return live.subscribe(SettlementProjection.topic(accountId), lastEventId, () -> new Snapshot(
                settlements.latest(accountId, SNAPSHOT).stream()
                        .map(settlement -> SettlementResponse.of(settlement, Set.of(accountId)::contains)).toList()));
    }

    record Snapshot(List<SettlementResponse> settlements) {
    }
}
