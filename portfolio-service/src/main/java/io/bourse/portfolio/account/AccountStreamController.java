package io.bourse.portfolio.account;

import io.bourse.events.portfolio.AccountNotFoundException;
import io.bourse.platform.security.Access;
import io.bourse.platform.streams.LiveStreams;
import io.bourse.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** An account's stream (docs/STREAMS.md): balances, holds, positions and settlement legs as they change. */
@Tag(name = LiveStreams.OPENAPI_TAG, description = LiveStreams.OPENAPI_TAG_DESCRIPTION)
@RestController
class AccountStreamController {

    private final LiveStreams live;
    private final QueryGateway queries;
    private final Access access;

    AccountStreamController(LiveStreams live, QueryGateway queries, Access access) {
        this.live = live;
        this.queries = queries;
        this.access = access;
    }

    @Operation(summary = "Stream an account",
            description = "A `snapshot` of the account (as GET /api/v1/accounts/{accountId}), then an `account` event "
                    + "after every change of a balance, a hold, a position or its frozen state, and a `settlement` "
                    + "event for each of its settlement legs as it settles, is refused or is undone. For its owner.")
    @ApiResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @GetMapping(path = "/api/v1/streams/accounts/{accountId}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> account(
            @Parameter(description = AccountController.ACCOUNT_ID, example = AccountController.ACCOUNT_EXAMPLE)
            @PathVariable String accountId,
            @Parameter(description = LiveStreams.LAST_EVENT_ID_DESCRIPTION)
            @RequestHeader(name = LiveStreams.LAST_EVENT_ID, required = false) String lastEventId) {
        access.requireAccount(accountId);
        return live.subscribe(AccountStreams.account(accountId), lastEventId, () -> new Snapshot(
                AccountController.AccountResponse.of(queries.query(new FindAccount(accountId),
                                ResponseTypes.optionalInstanceOf(AccountView.class)).join()
                        .orElseThrow(() -> new AccountNotFoundException("no account " + accountId)))));
    }

    record Snapshot(AccountController.AccountResponse account) {
    }
}
