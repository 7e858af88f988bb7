package io.bourse.platform.testapp.alpha;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service that owns no ledger: its ledger commands must travel to beta over Kafka. */
@SpringBootApplication
public class AlphaApplication {
}
