package io.bourse.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.events.DomainException;
import io.bourse.platform.serialization.Serialization;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.IdGenerator;

/**
 * Gives a state-changing request the same resource id however often a client repeats it with the same key, and,
 * where the answer would change later, the same answer.
 * <p>
 * The key is recorded with a hash of the request before the command is sent. A repeat with the same body sends
 * the command again with the first id: the command handlers are idempotent by that id, so a repeat after a crash
 * between the two steps still completes the first request, and a repeat after success changes nothing. The same
 * key with a different body is refused.
 */
public class IdempotentRequests {

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;
    private final TransactionTemplate asyncCommit;
    private final ObjectMapper json = Serialization.objectMapper();

    public IdempotentRequests(JdbcTemplate jdbc, IdGenerator ids, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.asyncCommit = new TransactionTemplate(transactions);
    }

    /**
     * Runs {@code action} with the resource id this request owns, and answers a repeat with the first answer, as the
     * contract asks, not with what the same request would answer now (an order placed NEW is not answered FILLED).
     * The first answer is kept without waiting for the disk: after a crash that lost it, a repeat runs
     * {@code action} again, which the command handlers answer from what they recorded.
     */
    public <R> R executeAnsweringAsFirst(String scope, String key, Object request, Class<R> answerType,
                                         Function<String, R> action) {
        if (key == null || key.isBlank()) {
            return action.apply(ids.generateId().toString());
        }
        return execute(scope, key, request, id -> remember(scope, key, action.apply(id)),
                id -> firstAnswer(scope, key, answerType).orElseGet(() -> remember(scope, key, action.apply(id))));
    }

    private <R> R remember(String scope, String key, R answer) {
        String answerJson = write(answer);
        asyncCommit.executeWithoutResult(status -> {
            jdbc.execute("set local synchronous_commit = off");
            jdbc.update("update idempotency_key set first_answer = ? where scope = ? and idempotency_key = ?",
                    answerJson, scope, key);
        });
        return answer;
    }

    private <R> Optional<R> firstAnswer(String scope, String key, Class<R> answerType) {
        List<String> stored = jdbc.queryForList(
                "select first_answer from idempotency_key where scope = ? and idempotency_key = ?", String.class,
                scope, key);
        if (stored.isEmpty() || stored.get(0) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(stored.get(0), answerType));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the first answer to key '" + key + "' cannot be read", e);
        }
    }

    private String write(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep the answer " + answer.getClass().getSimpleName(), e);
        }
    }

    /**
     * Runs {@code action} with the resource id this request owns.
     *
     * @param scope   what the key is unique within, e.g. {@code "orders:" + accountId}
     * @param key     the client's key; without one every request is new
     * @param request the request body, compared on repeats
     */
    public <R> R execute(String scope, String key, Object request, Function<String, R> action) {
        return execute(scope, key, request, action, action);
    }

    /** The same, with {@code repeat} run instead of {@code action} when the key was seen before. */
    private <R> R execute(String scope, String key, Object request, Function<String, R> action,
                         Function<String, R> repeat) {
        if (key == null || key.isBlank()) {
            return action.apply(ids.generateId().toString());
        }
        String hash = hash(request);
        String candidate = ids.generateId().toString();
        int inserted = jdbc.update("""
                insert into idempotency_key (scope, idempotency_key, request_hash, resource_id)
                values (?, ?, ?, ?) on conflict do nothing""", scope, key, hash, candidate);
        if (inserted == 1) {
            return action.apply(candidate);
        }
        List<String[]> existing = jdbc.query(
                "select request_hash, resource_id from idempotency_key where scope = ? and idempotency_key = ?",
                (rs, row) -> new String[] {rs.getString(1), rs.getString(2)}, scope, key);
        String[] first = existing.get(0);
        if (!first[0].equals(hash)) {
            throw new DomainException(DomainException.Kind.UNPROCESSABLE, "IDEMPOTENCY_KEY_REUSED",
                    "the idempotency key '" + key + "' was already used with a different request");
        }
        return repeat.apply(first[1]);
    }

    private String hash(Object request) {
        try {
            byte[] body = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash request " + request.getClass().getSimpleName(), e);
        }
    }

}
