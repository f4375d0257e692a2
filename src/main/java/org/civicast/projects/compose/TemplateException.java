package org.civicast.projects.compose;

/** A message text that is not a well-formed template; the message says where and what to write instead. */
public final class TemplateException extends IllegalArgumentException {
    public TemplateException(String message) {
        super(message);
    }
}
