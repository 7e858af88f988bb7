package io.bourse.auth;

import java.util.List;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people of {@link AuthProperties}, who sign in on the login page. Their passwords are checked by Spring Security's
 * default DelegatingPasswordEncoder, which reads the encoder's id in front of each one.
 */
@Configuration(proxyBeanMethods = false)
class DevUsers {

    /** {@code {id}encoded}: without the id the encoder could not check the password, so refuse it at start, not at login. */
    private static final Pattern ENCODED = Pattern.compile("\\{[^{}]+}.+");

    @Bean
    UserDetailsService users(AuthProperties properties) {
        List<UserDetails> users = properties.getUsers().entrySet().stream()
                .map(user -> {
                    String password = user.getValue().getPassword();
                    if (password == null || !ENCODED.matcher(password).matches()) {
                        throw new IllegalStateException("bourse.auth.users." + user.getKey()
                                + ".password must be encoded as {id}encoded, e.g. {bcrypt}... or {noop}...");
                    }
                    return User.withUsername(user.getKey())
                            .password(password)
                            .roles(user.getValue().getRoles().toArray(String[]::new))
                            .build();
                })
                .toList();
        return new InMemoryUserDetailsManager(users);
    }
}
