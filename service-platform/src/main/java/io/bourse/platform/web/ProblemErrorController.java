package io.bourse.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page, in place of Spring Boot's (a Whitelabel page for browsers, its own JSON for others):
 * what reaches it is a status the container was told to send, or a failure nothing else answered, and it answers
 * with a problem like every other error. The detail stays general: the failure's message is for the log, not for the
 * client.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${spring.web.error.path:${server.error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? "this path" : uri.toString();
        if (status == HttpStatus.NOT_FOUND) {
            return ProblemResponses.nothingAt(path, HttpHeaders.EMPTY);
        }
        String detail = status.is5xxServerError() ? "the service could not answer " + path + "; try again later"
                : "the request to " + path + " is refused: " + status.getReasonPhrase().toLowerCase(Locale.ROOT);
        return ProblemResponses.problem(status, status.name(), detail, null);
    }
}
