package dev.vigil.archrules.flow;

/**
 * A fact for the rules that look at values rather than flows.
 *
 * @param type {@code crypto} (an algorithm passed to a factory), {@code cookie} (a cookie sent or returned without
 *     Secure)
 * @param owner the called type, internal name
 * @param name the called method
 * @param value the resolved algorithm, or the cookie state ({@code U} unset, {@code F} set to false)
 * @param line source line
 * @param method the calling method
 */
public record Event(String type, String owner, String name, String value, int line, String method) {}
