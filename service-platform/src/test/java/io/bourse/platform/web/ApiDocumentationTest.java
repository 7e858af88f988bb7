package io.bourse.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

class ApiDocumentationTest {

    static class Things {

        @ProblemType(status = 409, code = "THING_TAKEN", when = "the name is taken")
        @ProblemType(status = 400, code = "NAME_REQUIRED", when = "the thing has no name")
        String add(@Valid @RequestBody Object thing) {
            return "";
        }

        String list(@RequestParam String owner, @RequestParam(required = false) Integer limit,
                    @RequestParam(required = false) String cursor) {
            return "";
        }
    }

    private static Operation operation() {
        return new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse()));
    }

    private static List<String> types(Operation operation, String status) {
        ApiResponse response = operation.getResponses().get(status);
        if (response == null) {
            return List.of();
        }
        Map<String, Example> examples = response.getContent().get("application/problem+json").getExamples();
        return examples.values().stream().map(example -> (String) ((Map<?, ?>) example.getValue()).get("type"))
                .toList();
    }

    @Test
    void anOperationListsTheProblemsItDeclaresAndThoseItsSignatureCanMeet() throws Exception {
        Operation add = ApiDocumentation.operationProblems().customize(operation(),
                new HandlerMethod(new Things(), Things.class.getDeclaredMethod("add", Object.class)));
        Operation list = ApiDocumentation.operationProblems().customize(operation(), new HandlerMethod(new Things(),
                Things.class.getDeclaredMethod("list", String.class, Integer.class, String.class)));

        assertThat(types(add, "400")).containsExactly("urn:bourse:problem:malformed-request",
                "urn:bourse:problem:invalid-request", "urn:bourse:problem:name-required");
        assertThat(types(add, "409")).containsExactly("urn:bourse:problem:thing-taken");
        assertThat(types(add, "415")).containsExactly("urn:bourse:problem:unsupported-media-type");
        assertThat(types(list, "400")).containsExactly("urn:bourse:problem:missing-parameter",
                "urn:bourse:problem:invalid-parameter");
        assertThat(types(list, "415")).isEmpty();
        assertThat(add.getResponses().get("409").getDescription())
                .isEqualTo("Conflict. Problem types:\n- `urn:bourse:problem:thing-taken`: the name is taken");
        assertThat(add.getResponses().get("400").getContent().get("application/problem+json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void everyApiOperationGetsTheCommonProblemsAndTheDocumentItsInfo() {
        Operation read = operation();
        Operation write = operation();
        Operation other = operation();
        OpenAPI api = new OpenAPI().paths(new Paths()
                .addPathItem("/api/v1/things", new PathItem().get(read).post(write))
                .addPathItem("/actuator/things", new PathItem().get(other)));
        ApiDocsProperties properties = new ApiDocsProperties();
        properties.setDescription("Things to trade.");

        ApiDocumentation.commonProblems(properties, "thing-service", "1.2.3").customise(api);

        assertThat(api.getInfo().getTitle()).isEqualTo("thing-service");
        assertThat(api.getInfo().getVersion()).isEqualTo("1.2.3");
        assertThat(api.getInfo().getDescription()).startsWith("Things to trade.");
        assertThat(api.getInfo().getLicense()).isNull();
        assertThat(api.getComponents().getSchemas()).containsKeys("Problem", "FieldError");
        assertThat(read.getResponses()).containsKeys("200", "400", "401", "403", "406", "413", "429")
                .doesNotContainKey("503");
        assertThat(write.getResponses()).containsKeys("503");
        assertThat(types(read, "400")).containsExactly("urn:bourse:problem:request-rejected");
        assertThat(read.getResponses().get("401").getHeaders()).containsKey("WWW-Authenticate");
        assertThat(write.getResponses().get("503").getHeaders()).containsKey("Retry-After");
        assertThat(other.getResponses()).containsOnlyKeys("200");
    }

    @Test
    void aLicenceGivenIsNamed() {
        ApiDocsProperties properties = new ApiDocsProperties();
        properties.setTitle("Things");
        properties.setLicenseName("Some licence");
        properties.setLicenseUrl("https://example.org/licence");
        OpenAPI api = new OpenAPI();

        ApiDocumentation.commonProblems(properties, "thing-service", "1.2.3").customise(api);

        assertThat(api.getInfo().getTitle()).isEqualTo("Things");
        assertThat(api.getInfo().getLicense().getName()).isEqualTo("Some licence");
    }
}
