package io.bourse.platform.testapp.beta;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BetaApplication {
}
