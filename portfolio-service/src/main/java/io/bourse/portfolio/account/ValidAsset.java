package io.bourse.portfolio.account;

import io.bourse.events.Assets;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The value names an asset an account can hold: the cash asset or an instrument symbol. Null passes. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidAsset.Validator.class)
public @interface ValidAsset {

    String message() default "must be USD or an instrument symbol (capital letters, digits and dots)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidAsset, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Assets.isValidAsset(value);
        }
    }
}
