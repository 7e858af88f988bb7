package io.bourse.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem an operation answers with beyond those every operation of its kind may give (no token, a rate exceeded,
 * a body that is not JSON, ...: the API documents add those by themselves). The documents list it under its status
 * as {@link ProblemResponses#type(String) the type} its code makes, with an example whose detail is {@link #when()}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ProblemTypes.class)
public @interface ProblemType {

    int status();

    /** The error code, as the service raises it: {@code LIMIT_PRICE_REQUIRED}. */
    String code();

    /** When the operation answers with it, in a client's words. */
    String when();
}
