package org.civicast.media;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.civicast.orgs.OrganizationService;
import org.civicast.platform.auth.Principal;
import org.civicast.platform.db.Database;
import org.civicast.platform.http.ApiException;
import org.civicast.platform.http.ErrorCode;
import org.civicast.platform.ids.Ids;
import org.civicast.platform.jobs.JobState;
import org.civicast.platform.jobs.Jobs;
import org.civicast.registry.Brand;
import org.civicast.registry.BrandService;

/**
 * Media files for MMS and email: imported from a URL by a background job, listed and read within
 * the key's subtree, served publicly once ready, deleted unless a project uses them. A file
 * belongs to an organization, and for MMS optionally to one of its brands.
 */
public final class MediaService {
    public static final String MMS = "mms";
    public static final String EMAIL_ASSET = "email_asset";
    public static final List<String> USAGES = List.of(MMS, EMAIL_ASSET);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final OrganizationService organizations;
    private final BrandService brands;
    private final Jobs jobs;
    private final Ids ids;
    private final Clock clock;
    private final URI publicBaseUrl;
    private volatile MediaUsers users = MediaUsers.NOBODY;

    /** {@code publicBaseUrl}: where carriers reach this server; null: wherever the client reached it. */
    public MediaService(Database db, OrganizationService organizations, BrandService brands, Jobs jobs, Ids ids,
                        Clock clock, URI publicBaseUrl) {
        this.db = db;
        this.organizations = organizations;
        this.brands = brands;
        this.jobs = jobs;
        this.ids = ids;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
        organizations.deletionGuards().add(orgId -> db.read(h -> MediaStore.existAt(h, orgId))
                ? Optional.of("media files") : Optional.empty());
    }

    /** Tells the service who uses media files (the projects feature); a file in use is not deleted. */
    public void usedBy(MediaUsers users) {
        this.users = users;
    }

    /** Records the file as optimizing and queues its import in the same transaction. */
    public MediaAccepted importFrom(Principal principal, ImportMedia request) {
        URI source = sourceUrl(request.sourceUrl());
        String usage = request.usage() == null ? MMS : request.usage();
        if (EMAIL_ASSET.equals(usage) && request.brandId() != null) {
            throw ApiException.validation("brand_id", "must be omitted when usage is email_asset: "
                    + "email assets belong to an organization, not a brand");
        }
        String organizationId = organizations.target(principal, request.organizationId()).id();
        String brandId = null;
        if (request.brandId() != null) {
            Brand brand = brands.require(principal, request.brandId());
            if (request.organizationId() != null) requireSameOrganization(brand, request.organizationId());
            organizationId = brand.orgId();
            brandId = brand.id();
        }
        String name = request.name() != null ? request.name() : nameFrom(source);
        ImportMedia accepted = new ImportMedia(source.toString(), organizationId, brandId, name, usage);
        String id = ids.next("med");
        db.tx(h -> {
            String jobId = jobs.enqueue(MediaImportJob.KIND, MediaImportJob.payload(id));
            MediaStore.insert(h, id, accepted, jobId, publicToken(), clock.instant());
            return null;
        });
        return new MediaAccepted(id, MediaRow.OPTIMIZING, true, 0, name);
    }

    /** Files in the key's subtree, optionally of one organization (exactly) and/or one brand. */
    public List<MediaFile> list(Principal principal, String organizationId, String brandId, String origin) {
        if (organizationId != null) {
            organizations.requireReachable(principal, organizationId);
            if (brandId != null) visibleBrand(principal, brandId).ifPresent(b -> requireSameOrganization(b, organizationId));
        }
        List<MediaRow> rows = db.read(h -> MediaStore.list(h, principal.subtree().like(), organizationId, brandId));
        return rows.stream().map(row -> settled(principal, row).listed(base(origin))).toList();
    }

    public MediaFileDetail get(Principal principal, String id, String origin) {
        return settled(principal, require(principal, id)).detail(base(origin));
    }

    /** Deletes the file and queues the removal of its stored objects; MEDIA_IN_USE while projects use it. */
    public MediaDeleted delete(Principal principal, String id) {
        MediaRow row = require(principal, id);
        return db.tx(h -> {
            List<MediaUsers.User> projects = users.of(id);
            if (!projects.isEmpty()) {
                throw new ApiException(ErrorCode.MEDIA_IN_USE, "Media file " + id + " is attached to "
                        + projects.size() + " project(s); remove it from them first", Map.of("projects", projects));
            }
            List<String> keys = MediaStore.delete(h, id);
            if (!keys.isEmpty()) jobs.enqueue(MediaPurgeJob.KIND, MediaPurgeJob.payload(keys));
            return new MediaDeleted(id, row.name(), true);
        });
    }

    /**
     * Files a project of {@code organizationId} (sending under {@code brandId}, or none) may attach
     * to its MMS: each in the key's subtree, the organization's, an MMS file (not an email asset),
     * of no brand or that brand, and ready. A refusal names {@code field}.
     */
    public void requireAttachable(Principal principal, String organizationId, String brandId, List<String> ids,
                                  String field) {
        for (String id : ids) {
            MediaRow row = db.read(h -> MediaStore.find(h, principal.subtree().like(), id))
                    .orElseThrow(() -> ApiException.validation(field, "names media file " + id + ", which does not exist"));
            if (!row.organizationId().equals(organizationId)) {
                throw ApiException.validation(field, "media file " + id + " belongs to another organization");
            }
            if (!MMS.equals(row.usage())) {
                throw ApiException.validation(field, "media file " + id + " is an email asset, not an MMS file");
            }
            if (row.brandId() != null && !row.brandId().equals(brandId)) {
                throw ApiException.validation(field, "media file " + id + " belongs to brand " + row.brandId());
            }
            if (!MediaRow.READY.equals(row.status())) {
                throw ApiException.validation(field, "media file " + id + " is " + row.status() + ", not ready");
            }
        }
    }

    /**
     * The public URLs of those of these files that are ready, in order, under the configured public
     * base URL or else {@code origin}; none when neither is known.
     */
    public List<String> urls(List<String> ids, String origin) {
        String base = base(origin);
        return ids.stream()
                .map(id -> db.read(h -> MediaStore.find(h, "%", id)).map(row -> row.url(base)).orElse(null))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** A ready file by its public token and file name, for the public route. */
    public Optional<MediaStore.Published> published(String token, String fileName) {
        return db.read(h -> MediaStore.published(h, token, fileName));
    }

    private MediaRow require(Principal principal, String id) {
        return db.read(h -> MediaStore.find(h, principal.subtree().like(), id))
                .orElseThrow(() -> ApiException.notFound("Media file " + id));
    }

    /**
     * A file whose import job failed without recording why (its worker died on the last attempt)
     * is failed now, so nobody polls a file that will never be ready.
     */
    private MediaRow settled(Principal principal, MediaRow row) {
        if (!MediaRow.OPTIMIZING.equals(row.status()) || row.jobId() == null) return row;
        return jobs.status(row.jobId()).filter(job -> job.state() == JobState.FAILED).map(job -> {
            db.tx(h -> MediaStore.markFailed(h, row.id(), "the import stopped: " + job.lastError(), null, clock.instant()));
            return require(principal, row.id());
        }).orElse(row);
    }

    private String base(String origin) {
        return publicBaseUrl != null ? publicBaseUrl.toString() : origin;
    }

    private Optional<Brand> visibleBrand(Principal principal, String brandId) {
        try {
            return Optional.of(brands.require(principal, brandId));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    private static void requireSameOrganization(Brand brand, String organizationId) {
        if (!brand.orgId().equals(organizationId)) {
            throw new ApiException(ErrorCode.BRAND_ORG_MISMATCH,
                    "Brand " + brand.id() + " does not belong to organization " + organizationId);
        }
    }

    private static URI sourceUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"))) return uri;
        } catch (URISyntaxException e) {
            // answered below
        }
        throw ApiException.validation("source_url", "must be the absolute https:// URL of the file");
    }

    /** The URL's last path segment as people read it (hero.jpg), or its host when the path has none. */
    private static String nameFrom(URI source) {
        String path = source.getPath() == null ? "" : source.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        String name = last.isEmpty() ? source.getHost() : last;
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static String publicToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
