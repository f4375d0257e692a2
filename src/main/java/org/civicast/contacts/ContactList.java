package org.civicast.contacts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A contact list as lists show it; {@code status} and {@code contact_count} are Civicast's additions. */
public record ContactList(
        String id,
        String name,
        @JsonProperty("brand_id") String brandId,
        @JsonProperty("brand_name") String brandName,
        @JsonProperty("org_id") String orgId,
        @JsonProperty("org_name") String orgName,
        @JsonProperty("created_at") Instant createdAt,
        String status,
        @JsonProperty("contact_count") Integer contactCount) {}
