package org.civicast.orgs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** An organization as the API shows it; {@code path} places it in the tree and stays inside. */
public record Organization(
        String id,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("parent_id") String parentId,
        @JsonProperty("parent_org_name") String parentOrgName,
        String status,
        @JsonProperty("contact_email") String contactEmail,
        @JsonProperty("contact_first_name") String contactFirstName,
        @JsonProperty("contact_last_name") String contactLastName,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("quiet_hours") @com.fasterxml.jackson.annotation.JsonInclude(
                com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String quietHours,
        @JsonIgnore String path) {}
