package io.bourse.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the container sends to its error page is a problem too, and a failure's message stays in the log. */
class ProblemErrorControllerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ProblemErrorController()).build();

    private JsonNode errorPage(int status, Throwable failure) throws Exception {
        MockHttpServletRequestBuilder request = get("/error")
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/things");
        if (failure != null) {
            request.requestAttr(RequestDispatcher.ERROR_EXCEPTION, failure);
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        return JsonMapper.builder().build().readTree(response.getContentAsString());
    }

    @Test
    void aFailureNothingAnsweredIsA500ProblemThatKeepsItsMessageToItself() throws Exception {
        JsonNode problem = errorPage(500, new IllegalStateException("connection pool of db-7 exhausted"));

        assertThat(problem.path("type").asString()).isEqualTo("urn:bourse:problem:internal-server-error");
        assertThat(problem.path("detail").asString()).contains("/api/v1/things")
                .doesNotContain("db-7", "IllegalState", "java.");
    }

    @Test
    void aStatusTheContainerSentIsAProblemOfThatStatus() throws Exception {
        assertThat(errorPage(404, null).path("type").asString()).isEqualTo("urn:bourse:problem:not-found");
        assertThat(errorPage(400, null).path("type").asString()).isEqualTo("urn:bourse:problem:bad-request");
    }
}
