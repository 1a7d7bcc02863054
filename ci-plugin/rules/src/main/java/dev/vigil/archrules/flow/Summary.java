package dev.vigil.archrules.flow;

import java.util.List;
import java.util.Map;

/**
 * What a method does with its parameters, as its callers need it: what it returns (taint with parameter bits, a
 * constant, a guess), which sinks its parameters reach, and what it stores into its parameters' contents and its
 * receiver's fields.
 *
 * @param returned the returned value, null for void methods or when nothing returns
 * @param hits sinks reached by parameters (taints carry parameter bits; traces start at the parameter)
 * @param contents taint added to the contents of parameter i
 * @param receiverFields the receiver's fields after the call ({@code #f:name} keys)
 * @param returnedObject the contents of the object the method allocates and returns (map entries by key, list
 *     elements, a cookie's secure flag), null when it returns no such object; the caller gets a copy of its own
 * @param parameterCookies the secure flag the method leaves on the cookie passed as parameter i, on every path
 */
record Summary(
        FlowValue returned,
        List<Hit> hits,
        Map<Integer, Taint> contents,
        Map<Object, FlowValue> receiverFields,
        Obj returnedObject,
        Map<Integer, FlowValue> parameterCookies) {}
