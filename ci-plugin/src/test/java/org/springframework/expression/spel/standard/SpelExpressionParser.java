package org.springframework.expression.spel.standard;
/** Test stub of a third-party type: the security rules match it by name. */
public class SpelExpressionParser {
    public Object parseExpression(String expression) {
        return expression;
    }
}
