package org.civicast.platform.http;

import java.util.Map;
import org.civicast.platform.auth.Scope;

/**
 * What the OpenAPI document needs to know of a route. A list of several kinds of record names the
 * property that tells them apart ({@code kindProperty}) and the record of each of its values. A
 * route answering with a file ({@code fileType}, such as text/csv) has no JSON envelope.
 */
public record RouteDescription(String method, String path, Scope scope, String operationId, String summary,
                               String tag, boolean extension, int successStatus,
                               Map<String, Map<String, Object>> query, Map<String, Object> body,
                               java.util.List<Class<?>> returns, boolean returnsList,
                               String kindProperty, Map<String, Class<?>> kinds, String fileType) {}
