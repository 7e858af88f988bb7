package io.bourse.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a service's OpenAPI document says of itself. The version is the build's (Spring Boot's build info); a service
 * names its title and what it is for.
 */
@ConfigurationProperties("bourse.api-docs")
public class ApiDocsProperties {

    /** The document's title; the application's name unless given. */
    private String title;

    /** What the service's API is for, in a few sentences. */
    private String description;

    /** The licence the API is offered under; left out of the document when not given. */
    private String licenseName;

    private String licenseUrl;

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getLicenseName() {
        return licenseName;
    }

    public void setLicenseName(String licenseName) {
        this.licenseName = licenseName;
    }

    public String getLicenseUrl() {
        return licenseUrl;
    }

    public void setLicenseUrl(String licenseUrl) {
        this.licenseUrl = licenseUrl;
    }
}
