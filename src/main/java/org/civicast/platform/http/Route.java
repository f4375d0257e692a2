package org.civicast.platform.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.civicast.platform.auth.Scope;

/**
 * One operation of the API: its method and path, the scope a key needs, its OpenAPI identity,
 * the query parameters and body it accepts, and its handler.
 */
public final class Route {
    final String method;
    final String path;
    final Scope scope;
    String operationId;
    String summary;
    String tag;
    boolean extension;
    int successStatus = 200;
    final Map<String, Field> query = new LinkedHashMap<>();
    Schema body;
    ApiHandler handler;
    java.util.List<Class<?>> returns = java.util.List.of();
    boolean returnsList;
    String kindProperty;
    java.util.Map<String, Class<?>> kinds = java.util.Map.of();
    String fileType;

    Route(String method, String path, Scope scope) {
        this.method = method;
        this.path = path;
        this.scope = scope;
    }

    /** Names the operation as the reference client does, with a one-line summary. */
    public Route operation(String operationId, String summary) {
        this.operationId = operationId;
        this.summary = summary;
        return this;
    }

    public Route tag(String tag) {
        this.tag = tag;
        return this;
    }

    /** Marks an operation Civicast adds beyond the Political Comms contract. */
    public Route extension() {
        this.extension = true;
        return this;
    }

    public Route query(String name, Field field) {
        query.put(name, field);
        return this;
    }

    public Route body(Schema schema) {
        this.body = schema;
        return this;
    }

    /** The record the operation answers with, for the OpenAPI document. */
    public Route returns(Class<?> record) {
        this.returns = java.util.List.of(record);
        this.returnsList = false;
        return this;
    }

    /** The operation answers with a list of these records (one of them, when several are named). */
    public Route returnsListOf(Class<?>... records) {
        this.returns = java.util.List.of(records);
        this.returnsList = true;
        return this;
    }

    /**
     * The operation answers with a list of records of several kinds, each row saying its kind in
     * {@code property}: {@code kinds} maps each value of it to the record of that kind.
     */
    public Route returnsListOf(String property, java.util.Map<String, Class<?>> kinds) {
        this.kinds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(kinds));
        this.kindProperty = property;
        return returnsListOf(this.kinds.values().toArray(Class<?>[]::new));
    }

    /** The operation answers with a file of this media type (its handler replies with a {@link FileReply}). */
    public Route returnsFile(String mediaType) {
        this.fileType = mediaType;
        return this;
    }

    public Route status(int status) {
        this.successStatus = status;
        return this;
    }

    public void handle(ApiHandler handler) {
        this.handler = handler;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public Scope scope() {
        return scope;
    }

    public String operationId() {
        return operationId;
    }
}
