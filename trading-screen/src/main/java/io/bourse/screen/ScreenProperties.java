package io.bourse.screen;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the trading screen finds the issuer people sign in at and the services it calls, as its browser code reads
 * them from {@code /screen/config.json}. A service URL left empty means the origin the screen is served from.
 */
@ConfigurationProperties("bourse.screen")
public class ScreenProperties {

    /** The OAuth 2.1 / OpenID Connect issuer, as it names itself in its tokens. */
    private String issuerUrl = "http://localhost:9000";
    /** The public browser client registered at the issuer (authorization code with PKCE, no secret). */
    private String clientId = "bourse-web";
    private String orderServiceUrl = "";
    private String portfolioServiceUrl = "http://localhost:8082";
    private String settlementServiceUrl = "http://localhost:8083";

    public String getIssuerUrl() {
        return issuerUrl;
    }

    public void setIssuerUrl(String issuerUrl) {
        this.issuerUrl = issuerUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getOrderServiceUrl() {
        return orderServiceUrl;
    }

    public void setOrderServiceUrl(String orderServiceUrl) {
        this.orderServiceUrl = orderServiceUrl;
    }

    public String getPortfolioServiceUrl() {
        return portfolioServiceUrl;
    }

    public void setPortfolioServiceUrl(String portfolioServiceUrl) {
        this.portfolioServiceUrl = portfolioServiceUrl;
    }

    public String getSettlementServiceUrl() {
        return settlementServiceUrl;
    }

    public void setSettlementServiceUrl(String settlementServiceUrl) {
        this.settlementServiceUrl = settlementServiceUrl;
    }
}
