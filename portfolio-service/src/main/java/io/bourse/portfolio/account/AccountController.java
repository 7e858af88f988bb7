package io.bourse.portfolio.account;

import io.bourse.events.Actor;
import io.bourse.events.Assets;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.DomainException;
import io.bourse.events.portfolio.AccountNotFoundException;
import io.bourse.events.portfolio.DepositAsset;
import io.bourse.events.portfolio.FreezeAccount;
import io.bourse.events.portfolio.OpenAccount;
import io.bourse.events.portfolio.UnfreezeAccount;
import io.bourse.events.portfolio.WithdrawAsset;
import io.bourse.platform.security.Access;
import io.bourse.platform.web.IdempotentRequests;
import io.bourse.platform.web.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Accounts", description = "Accounts, their balances and positions, and the money and units moved in and out")
@RestController
@RequestMapping(AccountController.ACCOUNTS)
class AccountController {

    static final String ACCOUNTS = "/api/v1/accounts";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    // A positive decimal: at least one non-zero digit; the asset's scale is enforced when the command is handled.
    private static final String POSITIVE_DECIMAL = "(?=.*[1-9])\\d{1,18}(\\.\\d{1,18})?";
    static final String ACCOUNT_ID = "The account's id, as opening it answered";
    static final String ACCOUNT_EXAMPLE = "3f2b8c1e-6a4d-4e2f-9b7a-1c5d8e9f0a21";
    private static final String KEY = "Makes a repeat safe: the same key and body get the first answer";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final IdempotentRequests idempotentRequests;
    private final Access access;
    private final ListedInstruments instruments;

    AccountController(CommandGateway commands, QueryGateway queries, IdempotentRequests idempotentRequests,
                      Access access, ListedInstruments instruments) {
        this.commands = commands;
        this.queries = queries;
        this.idempotentRequests = idempotentRequests;
        this.access = access;
        this.instruments = instruments;
    }

    /**
     * Opens an account for the caller: the owner is the token's subject, and a body that names another is refused
     * (an admin may open one for anyone). Keys are the caller's own: another caller's key opens another account.
     */
    @Operation(summary = "Open an account",
            description = "Opens an account owned by the token's subject; the body may name that owner or be left "
                    + "out. An admin may open one for anyone. A repeat with the same Idempotency-Key opens no second "
                    + "account.")
    @ApiResponse(responseCode = "201", description = "The account is open",
            headers = @Header(name = "Location", description = "The account: /api/v1/accounts/{accountId}",
                    schema = @Schema(type = "string", format = "uri-reference")))
    @ProblemType(status = 403, code = "OWNER_NOT_SUBJECT", when = "the owner named is not the token's subject")
    @ProblemType(status = 422, code = "IDEMPOTENCY_KEY_REUSED", when = "the Idempotency-Key was used with another body")
    @PostMapping
    ResponseEntity<OpenedAccount> open(@Valid @RequestBody(required = false) OpenAccountRequest request,
            @Parameter(description = KEY, example = "open-1")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        Actor caller = Access.caller();
        String owner = request == null || request.owner() == null ? caller.subject() : request.owner();
        if (!caller.mayActFor(owner)) {
            throw new DomainException(Kind.FORBIDDEN, "OWNER_NOT_SUBJECT",
                    "an account is opened for the token's own subject '" + caller.subject() + "', not '" + owner + "'");
        }
        OpenAccountRequest opened = new OpenAccountRequest(owner);
        String accountId = idempotentRequests.execute("accounts:" + caller.subject(), idempotencyKey, opened, id -> {
            commands.sendAndWait(new OpenAccount(id, owner));
            return id;
        });
        return ResponseEntity.created(URI.create(ACCOUNTS + "/" + accountId))
                .body(new OpenedAccount(accountId, owner));
    }

    @Operation(summary = "Read an account",
            description = "Its balances (total = available + reserved, per asset, in the asset's scale), positions "
                    + "with average cost and realized profit or loss, and whether it is frozen. For its owner.")
    @ApiResponse(responseCode = "200", description = "The account")
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @GetMapping("/{accountId}")
    AccountResponse find(@Parameter(description = ACCOUNT_ID, example = ACCOUNT_EXAMPLE)
                         @PathVariable String accountId) {
        access.requireAccount(accountId);
        AccountView account = queries
                .query(new FindAccount(accountId), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join()
                .orElseThrow(() -> new AccountNotFoundException("no account " + accountId));
        return AccountResponse.of(account);
    }

    @Operation(summary = "Deposit money or units",
            description = "Credits USD or units of a listed instrument arriving from outside. An operator's action.")
    @ApiResponse(responseCode = "202", description = "The deposit is recorded")
    @ProblemType(status = 400, code = "UNKNOWN_ASSET", when = "the asset is neither USD nor a listed instrument")
    @ProblemType(status = 400, code = "INVALID_AMOUNT", when = "the amount has more decimals than the asset takes")
    @ProblemType(status = 404, code = "NOT_FOUND", when = "no account has this id")
    @ProblemType(status = 422, code = "IDEMPOTENCY_KEY_REUSED", when = "the Idempotency-Key was used with another body")
    @PostMapping("/{accountId}/deposits")
    ResponseEntity<Transaction> deposit(
            @Parameter(description = ACCOUNT_ID, example = ACCOUNT_EXAMPLE) @PathVariable String accountId,
            @Valid @RequestBody AssetAmountRequest request,
            @Parameter(description = KEY, example = "deposit-1")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        instruments.requireHeld(request.asset());
        String transactionId = idempotentRequests.execute("deposits:" + accountId, idempotencyKey, request, id -> {
            commands.sendAndWait(new DepositAsset(accountId, id, request.asset(), request.amountValue()));
            return id;
        });
        return ResponseEntity.accepted().body(new Transaction(transactionId));
    }

    @Operation(summary = "Withdraw money or units",
            description = "Debits what is available (not what is held for orders). For the account's owner.")
    @ApiResponse(responseCode = "202", description = "The withdrawal is recorded")
    @ProblemType(status = 400, code = "INVALID_AMOUNT", when = "the amount has more decimals than the asset takes")
    @ProblemType(status = 404, code = "ACCOUNT_NOT_FOUND", when = "the account is not open or not the caller's")
    @ProblemType(status = 422, code = "INSUFFICIENT_BALANCE", when = "more than is available")
    @ProblemType(status = 422, code = "IDEMPOTENCY_KEY_REUSED", when = "the Idempotency-Key was used with another body")
    @PostMapping("/{accountId}/withdrawals")
    ResponseEntity<Transaction> withdraw(
            @Parameter(description = ACCOUNT_ID, example = ACCOUNT_EXAMPLE) @PathVariable String accountId,
            @Valid @RequestBody AssetAmountRequest request,
            @Parameter(description = KEY, example = "withdrawal-1")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        access.requireAccount(accountId);
        String transactionId = idempotentRequests.execute("withdrawals:" + accountId, idempotencyKey, request, id -> {
            commands.sendAndWait(new WithdrawAsset(accountId, id, request.asset(), request.amountValue()));
            return id;
        });
        return ResponseEntity.accepted().body(new Transaction(transactionId));
    }

    /** The owner may be left out: it is the caller. */
    record OpenAccountRequest(@Schema(description = "The token's subject", example = "alice")
                              @Size(min = 1, max = 255) String owner) {
    }

    record AssetAmountRequest(
            @Schema(description = "USD or a listed instrument", example = "USD") @NotNull @ValidAsset String asset,
            @Schema(description = "A positive decimal string: cents for USD, whole units for an instrument",
                    example = "1000.00")
            @NotNull @Pattern(regexp = POSITIVE_DECIMAL, message = "must be a positive decimal number such as 1000.00")
            @DecimalMax(Assets.MAX_AMOUNT) String amount) {

        BigDecimal amountValue() {
            return new BigDecimal(amount);
        }
    }

    record OpenedAccount(@Schema(example = ACCOUNT_EXAMPLE) String accountId, @Schema(example = "alice") String owner) {
    }

    record Transaction(@Schema(example = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d") String transactionId) {
    }

    /** An operator stops the account from settling trades: its trades then fail and are compensated. */
    @Operation(summary = "Freeze an account",
            description = "Stops the account from settling: its trades' legs then fail and are compensated. An "
                    + "operator's action.")
    @ApiResponse(responseCode = "202", description = "The account is frozen")
    @ProblemType(status = 404, code = "NOT_FOUND", when = "no account has this id")
    @PostMapping("/{accountId}/freeze")
    ResponseEntity<Void> freeze(@Parameter(description = ACCOUNT_ID, example = ACCOUNT_EXAMPLE)
                                @PathVariable String accountId,
                                @Valid @RequestBody(required = false) FreezeRequest request) {
        commands.sendAndWait(new FreezeAccount(accountId, request == null ? null : request.reason()));
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Unfreeze an account", description = "Lets the account settle again. An operator's action.")
    @ApiResponse(responseCode = "202", description = "The account is no longer frozen")
    @ProblemType(status = 404, code = "NOT_FOUND", when = "no account has this id")
    @PostMapping("/{accountId}/unfreeze")
    ResponseEntity<Void> unfreeze(@Parameter(description = ACCOUNT_ID, example = ACCOUNT_EXAMPLE)
                                  @PathVariable String accountId) {
        commands.sendAndWait(new UnfreezeAccount(accountId));
        return ResponseEntity.accepted().build();
    }

    record FreezeRequest(@Schema(description = "Why, for the record", example = "compliance review")
                         @Size(max = 255) String reason) {
    }

    record AccountResponse(String accountId, String owner, boolean frozen, List<BalanceResponse> balances,
                           List<PositionResponse> positions) {

        static AccountResponse of(AccountView account) {
            List<BalanceResponse> balances = account.balances().stream()
                    .map(b -> new BalanceResponse(b.asset(), b.total().toPlainString(),
                            b.available().toPlainString(), b.reserved().toPlainString()))
                    .toList();
            List<PositionResponse> positions = account.positions().stream()
                    .map(p -> new PositionResponse(p.symbol(), p.quantity(), Assets.decimalString(p.averageCost()),
                            Assets.decimalString(p.realizedPnl())))
                    .toList();
            return new AccountResponse(account.accountId(), account.owner(), account.frozen(), balances, positions);
        }
    }

    record PositionResponse(@Schema(example = "ACME") String symbol, @Schema(example = "10") long quantity,
                            @Schema(example = "101.25") String averageCost,
                            @Schema(example = "12.50") String realizedPnl) {
    }

    record BalanceResponse(@Schema(example = "USD") String asset, @Schema(example = "10000.00") String total,
                           @Schema(example = "8987.50") String available,
                           @Schema(description = "Held for open orders", example = "1012.50") String reserved) {
    }
}
