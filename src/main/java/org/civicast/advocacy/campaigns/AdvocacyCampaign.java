package org.civicast.advocacy.campaigns;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An advocacy campaign: what supporters see on its landing page, the Library of Congress topic its
 * letters carry to offices that ask for one, and its actions (at most one of each kind).
 */
public record AdvocacyCampaign(
        String id,
        @JsonProperty("organization_id") String organizationId,
        String name,
        String title,
        String description,
        String topic,
        String status,
        List<Action> actions,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    public static final List<String> STATUSES = List.of("active", "closed");

    /** The campaign's action of a kind named as in the API's URLs; empty for a kind it lacks or no kind at all. */
    public Optional<Action> action(String wireName) {
        return ActionType.WIRE_NAMES.contains(wireName) ? action(ActionType.fromWire(wireName)) : Optional.empty();
    }

    public Optional<Action> action(ActionType type) {
        return actions.stream().filter(a -> a.actionType() == type).findFirst();
    }
}
