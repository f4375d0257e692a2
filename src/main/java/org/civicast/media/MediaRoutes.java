package org.civicast.media;

import static org.civicast.platform.auth.Scope.READ;
import static org.civicast.platform.auth.Scope.WRITE;

import org.civicast.platform.http.Api;
import org.civicast.platform.http.Body;
import org.civicast.platform.http.Field;
import org.civicast.platform.http.Reply;
import org.civicast.platform.http.Schema;

/** Routes of media files: import from a URL, list, read (poll for readiness) and delete. */
public final class MediaRoutes {
    private static final Schema IMPORT = Schema.object()
            .required("source_url", Field.string(1, 2048)
                    .describe("The https:// URL of the file, public or presigned (a URI); Civicast fetches it"))
            .optional("organization_id", Field.id().describe("Owner of the file; defaults to the brand's or the key's own"))
            .optional("brand_id", Field.id().describe("Scopes an MMS file to a brand, in the brand's organization"))
            .optional("name", Field.string(1, 255).describe("Defaults to the file name in the URL"))
            .optional("usage", Field.oneOf(MediaService.USAGES)
                    .describe("mms (the default) or email_asset; an email asset belongs to an organization, so takes no brand_id"));

    public static void register(Api api, MediaService media) {
        api.get("/v1/media", READ).tag("Media")
                .operation("listMedia", "List media files")
                .returnsListOf(MediaFile.class)
                .query("organization_id", Field.id())
                .query("brand_id", Field.id())
                .handle(req -> Reply.ok(media.list(req.principal(), req.query("organization_id"), req.query("brand_id"),
                        req.origin())));
        api.post("/v1/media", WRITE).tag("Media").status(202)
                .operation("importMedia", "Import a media file from a URL; poll it until ready or failed")
                .returns(MediaAccepted.class)
                .body(IMPORT)
                .handle(req -> Reply.accepted(media.importFrom(req.principal(), request(req.body()))));
        api.get("/v1/media/{id}", READ).tag("Media")
                .operation("getMedia", "Get a media file: its status, and its permanent URL once ready")
                .returns(MediaFileDetail.class)
                .handle(req -> Reply.ok(media.get(req.principal(), req.path("id"), req.origin())));
        api.delete("/v1/media/{id}", WRITE).tag("Media")
                .operation("deleteMedia", "Delete a media file and its stored files, unless a project uses it")
                .returns(MediaDeleted.class)
                .handle(req -> Reply.ok(media.delete(req.principal(), req.path("id"))));
    }

    private static ImportMedia request(Body b) {
        return new ImportMedia(b.string("source_url"), b.string("organization_id"), b.string("brand_id"),
                b.string("name"), b.string("usage"));
    }

    private MediaRoutes() {}
}
