package nl.homepair.complaints.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The independent dispute-resolution body that complainants are told about after the
 * board's decision (R10), {@code homepair.dispute-resolution.*}. The EU ODR platform
 * closed in July 2025 and is deliberately not the default.
 */
@ConfigurationProperties("homepair.dispute-resolution")
public record DisputeResolution(String name, String url) {

    public DisputeResolution {
        name = name == null ? "De Geschillencommissie" : name;
        url = url == null ? "https://www.degeschillencommissie.nl" : url;
    }
}
