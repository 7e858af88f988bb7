package io.bourse.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.events.DomainException;
import io.bourse.platform.serialization.Serialization;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.IdGenerator;

/**
 * Gives a state-changing request the same resource id however often a client repeats it with the same key.
 * <p>
 * The key is recorded with a hash of the request before the command is sent. A repeat with the same body sends
 * the command again with the first id: the command handlers are idempotent by that id, so a repeat after a crash
 * between the two steps still completes the first request, and a repeat after success changes nothing. The same
 * key with a different body is refused.
 */
public class IdempotentRequests {

    private final JdbcTemplate jdbc;
    private final IdGenerator ids;
    private final ObjectMapper json = Serialization.objectMapper();

    public IdempotentRequests(JdbcTemplate jdbc, IdGenerator ids) {
        this.jdbc = jdbc;
        this.ids = ids;
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

    /**
     * The same, with {@code repeat} run instead of {@code action} when the key was seen before: a caller that can
     * tell from its read model that the first request completed answers from there.
     */
    public <R> R execute(String scope, String key, Object request, Function<String, R> action,
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
