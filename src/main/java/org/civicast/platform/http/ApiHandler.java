package org.civicast.platform.http;

/** A route's work: read the request, call one service, say what to answer. */
@FunctionalInterface
public interface ApiHandler {
    Reply handle(ApiRequest request);
}
