package io.bourse.platform.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

/**
 * The REST conventions of every service: problem responses for every error (the container's error page included),
 * JSON read strictly, so that unknown fields, values of the wrong type and a field given twice are refused instead of
 * silently ignored, converted or overwritten, and API documents that say so.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@Import({ProblemResponses.class, ProblemErrorController.class})
@EnableConfigurationProperties(ApiDocsProperties.class)
public class WebApiAutoConfiguration {

    @Bean
    public JsonMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    OperationCustomizer operationProblems() {
        return ApiDocumentation.operationProblems();
    }

    /** The version is the build's: {@code META-INF/build-info.properties}, which each service's build writes. */
    @Bean
    OpenApiCustomizer commonProblems(ApiDocsProperties properties, ObjectProvider<BuildProperties> build,
                                     @Value("${spring.application.name:bourse}") String applicationName) {
        BuildProperties info = build.getIfAvailable();
        return ApiDocumentation.commonProblems(properties, applicationName,
                info == null || info.getVersion() == null ? "unknown" : info.getVersion());
    }

    /**
     * Tomcat refuses a URL with an encoded slash ({@code /orders/a%2Fb}) with its own HTML page, before the
     * application sees the request. Passed through, the URL meets the security chain's firewall, which refuses it
     * (as it refuses other URLs that could name another resource than they seem to), and the refusal is a problem like
     * every other. Decoding instead would quietly turn one path segment into two.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static class EncodedSlashes {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
            return factory -> factory.addConnectorCustomizers(connector -> {
                connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
                connector.setEncodedReverseSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
            });
        }
    }
}
