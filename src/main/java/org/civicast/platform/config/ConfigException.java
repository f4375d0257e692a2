package org.civicast.platform.config;

/** A configuration problem that must stop the start; the message names the variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
