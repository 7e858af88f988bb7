package io.bourse.portfolio.account;

import io.bourse.events.portfolio.AccountNotFoundException;
import io.bourse.events.Actor;
import io.bourse.events.Assets;
import io.bourse.events.DomainException;
import io.bourse.events.DomainException.Kind;
import io.bourse.events.portfolio.DepositAsset;
import io.bourse.events.portfolio.FreezeAccount;
import io.bourse.events.portfolio.UnfreezeAccount;
import io.bourse.events.portfolio.OpenAccount;
import io.bourse.events.portfolio.WithdrawAsset;
import io.bourse.platform.security.Access;
import io.bourse.platform.web.IdempotentRequests;
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

@RestController
@RequestMapping(AccountController.ACCOUNTS)
class AccountController {

    static final String ACCOUNTS = "/api/v1/accounts";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    // A positive decimal: at least one non-zero digit; the asset's scale is enforced when the command is handled.
    private static final String POSITIVE_DECIMAL = "(?=.*[1-9])\\d{1,18}(\\.\\d{1,18})?";

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
    @PostMapping
    ResponseEntity<OpenedAccount> open(@Valid @RequestBody(required = false) OpenAccountRequest request,
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

    @GetMapping("/{accountId}")
    AccountResponse find(@PathVariable String accountId) {
        access.requireAccount(accountId);
        AccountView account = queries
                .query(new FindAccount(accountId), ResponseTypes.optionalInstanceOf(AccountView.class))
                .join()
                .orElseThrow(() -> new AccountNotFoundException("no account " + accountId));
        return AccountResponse.of(account);
    }

    @PostMapping("/{accountId}/deposits")
    ResponseEntity<Transaction> deposit(@PathVariable String accountId, @Valid @RequestBody AssetAmountRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        instruments.requireHeld(request.asset());
        String transactionId = idempotentRequests.execute("deposits:" + accountId, idempotencyKey, request, id -> {
            commands.sendAndWait(new DepositAsset(accountId, id, request.asset(), request.amountValue()));
            return id;
        });
        return ResponseEntity.accepted().body(new Transaction(transactionId));
    }

    @PostMapping("/{accountId}/withdrawals")
    ResponseEntity<Transaction> withdraw(@PathVariable String accountId, @Valid @RequestBody AssetAmountRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        access.requireAccount(accountId);
        String transactionId = idempotentRequests.execute("withdrawals:" + accountId, idempotencyKey, request, id -> {
            commands.sendAndWait(new WithdrawAsset(accountId, id, request.asset(), request.amountValue()));
            return id;
        });
        return ResponseEntity.accepted().body(new Transaction(transactionId));
    }

    /** The owner may be left out: it is the caller. */
    record OpenAccountRequest(@Size(min = 1, max = 255) String owner) {
    }

    record AssetAmountRequest(
            @NotNull @ValidAsset String asset,
            @NotNull @Pattern(regexp = POSITIVE_DECIMAL, message = "must be a positive decimal number such as 1000.00")
            @DecimalMax(Assets.MAX_AMOUNT) String amount) {

        BigDecimal amountValue() {
            return new BigDecimal(amount);
        }
    }

    record OpenedAccount(String accountId, String owner) {
    }

    record Transaction(String transactionId) {
    }

    /** An operator stops the account from settling trades: its trades then fail and are compensated. */
    @PostMapping("/{accountId}/freeze")
    ResponseEntity<Void> freeze(@PathVariable String accountId, @RequestBody(required = false) FreezeRequest request) {
        commands.sendAndWait(new FreezeAccount(accountId, request == null ? null : request.reason()));
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/{accountId}/unfreeze")
    ResponseEntity<Void> unfreeze(@PathVariable String accountId) {
        commands.sendAndWait(new UnfreezeAccount(accountId));
        return ResponseEntity.accepted().build();
    }

    record FreezeRequest(@Size(max = 255) String reason) {
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

    record PositionResponse(String symbol, long quantity, String averageCost, String realizedPnl) {
    }

    record BalanceResponse(String asset, String total, String available, String reserved) {
    }
}
