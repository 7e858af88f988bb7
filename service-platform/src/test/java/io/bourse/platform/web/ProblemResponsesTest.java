package io.bourse.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Spring's own refusals of a request, answered as problems with a type and a detail in the client's terms. */
class ProblemResponsesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Things())
            .setControllerAdvice(new ProblemResponses()).build();

    @RestController
    static class Things {

        @GetMapping("/things")
        List<String> list(@RequestParam String owner, @RequestParam(required = false) Integer limit) {
            return List.of(owner);
        }

        @PostMapping("/things")
        String add(@RequestBody Thing thing, @RequestHeader("Idempotency-Key") String key) {
            return thing.name();
        }
    }

    record Thing(String name, int quantity) {
    }

    private JsonNode problem(RequestBuilder request, int status, String type) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.path("type").asString()).isEqualTo("urn:bourse:problem:" + type);
        assertThat(body.path("detail").asString()).isNotBlank()
                .doesNotContain("java.", "Exception", "org.springframework", "io.bourse", "tools.jackson");
        return body;
    }

    @Test
    void aMethodThePathDoesNotTakeNamesTheOnesItDoesInAllow() throws Exception {
        MockHttpServletResponse response = mvc.perform(put("/things")).andReturn().getResponse();

        problem(put("/things"), 405, "method-not-allowed");
        assertThat(response.getHeader("Allow")).contains("GET", "POST");
    }

    @Test
    void aBodyOfAnotherMediaTypeIs415() throws Exception {
        JsonNode body = problem(post("/things").header("Idempotency-Key", "k").contentType(MediaType.TEXT_PLAIN)
                .content("a thing"), 415, "unsupported-media-type");

        assertThat(body.path("detail").asString()).contains("text/plain");
    }

    @Test
    void anAcceptHeaderTheAnswerCannotMeetIs406() throws Exception {
        problem(get("/things?owner=alice").accept(MediaType.TEXT_HTML), 406, "not-acceptable");
    }

    @Test
    void aMissingParameterOrHeaderIsNamed() throws Exception {
        JsonNode parameter = problem(get("/things"), 400, "missing-parameter");
        JsonNode header = problem(post("/things").contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"a\",\"quantity\":1}"), 400, "missing-header");

        assertThat(parameter.path("errors").get(0).path("field").asString()).isEqualTo("owner");
        assertThat(header.path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
    }

    @Test
    void aParameterOfTheWrongTypeSaysWhatItTakes() throws Exception {
        JsonNode body = problem(get("/things?owner=alice&limit=ten"), 400, "invalid-parameter");

        assertThat(body.path("detail").asString()).isEqualTo("limit must be a whole number, not 'ten'");
    }

    @Test
    void aBodyThatIsNotJsonOrMissingIsMalformedWithoutNamingTheCode() throws Exception {
        JsonNode broken = problem(post("/things").header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\":"), 400, "malformed-request");
        JsonNode missing = problem(post("/things").header("Idempotency-Key", "k")
                .contentType(MediaType.APPLICATION_JSON), 400, "malformed-request");

        assertThat(broken.path("detail").asString()).startsWith("the body is not valid JSON").doesNotContain("Source");
        assertThat(missing.path("detail").asString()).isEqualTo("the request needs a JSON body");
    }

    @Test
    void aPathNothingServesIs404() throws Exception {
        JsonNode body = problem(get("/nothing/here"), 404, "not-found");

        assertThat(body.path("detail").asString()).isEqualTo("nothing is at /nothing/here");
    }

    @Test
    void aUrlTheFirewallRefusesIs400SayingWhatItFound() {
        ResponseEntity<Object> answer = new ProblemResponses().rejected(new RequestRejectedException(
                "The request was rejected because the URL contained a potentially malicious String \"%2F\""));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getType()).hasToString("urn:bourse:problem:request-rejected");
        assertThat(problem.getDetail()).isEqualTo("the request is refused: the URL contained a potentially malicious"
                + " String \"%2F\"");
    }
}
