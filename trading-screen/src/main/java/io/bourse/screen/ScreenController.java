package io.bourse.screen;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The screen's two dynamic answers: its configuration, and its page for the paths the browser is sent to (the root,
 * and the redirect back from the issuer with the authorization code, which the page's code reads). They are the
 * screen's, not the API's: the API documents leave them out.
 */
@Hidden
@RestController
class ScreenController {

    static final String CONFIG = "/screen/config.json";
    static final String CALLBACK = "/login/callback";
    private static final Resource PAGE = new ClassPathResource("META-INF/resources/index.html");

    private final ScreenProperties properties;

    ScreenController(ScreenProperties properties) {
        this.properties = properties;
    }

    @GetMapping(value = CONFIG, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(Map.of(
                "issuer", properties.getIssuerUrl(),
                "clientId", properties.getClientId(),
                "services", Map.of(
                        "order", properties.getOrderServiceUrl(),
                        "portfolio", properties.getPortfolioServiceUrl(),
                        "settlement", properties.getSettlementServiceUrl())));
    }

    @GetMapping(value = {"/", CALLBACK}, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).body(PAGE);
    }
}
