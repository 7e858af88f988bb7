package io.bourse.order.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.bourse.events.Assets;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A symbol by the contract's rule ({@link Assets#isValidSymbol}); null passes, as with the standard constraints. */
@Target({FIELD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = ValidSymbol.Validator.class)
public @interface ValidSymbol {

    String message() default "must be 1 to 12 upper-case letters, digits or dots, starting with a letter, and not USD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidSymbol, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Assets.isValidSymbol(value);
        }
    }
}
