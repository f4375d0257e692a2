package org.civicast.advocacy.delivery;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where and as whom to send Senate CWC messages.
 *
 * @param messagesUrl   the full URL messages are POSTed to (the Senate issues a testing and a
 *                      production one with agent approval)
 * @param apiKey        the key the Senate issued
 * @param activeOffices the office codes that take messages this way (the Senate's list of active
 *                      offices); empty: every Senate office with a code
 */
public record SenateApiSettings(URI messagesUrl, String apiKey, CwcAgent agent, Set<String> activeOffices) {
    public SenateApiSettings {
        activeOffices = activeOffices == null ? Set.of()
                : activeOffices.stream().map(code -> code.strip().toUpperCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
    }
}
